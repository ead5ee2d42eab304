package org.switchboard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A key press as RFC 4733 telephone-events (payload type 101), written as a pcap that
 * SIPp plays into the call. Each press gets its own RTP timestamp and sequence numbers: a
 * receiver takes events with the timestamp of one already heard for the same key, as
 * SIPp's own capture files would all be, for a retransmission and drops them.
 */
final class RtpEvents {

	private static final int PACKETS = 10;

	private static final int END_REPEATS = 3;

	private RtpEvents() {
	}

	/** The pcap of press number {@code press} (0, 1, …) of {@code key} in a call. */
	static Path pcap(Path dir, char key, int press) {
		Path file = dir.resolve("dtmf-" + press + "-" + (key == '*' ? "star" : key == '#' ? "pound" : key) + ".pcap");
		int event = switch (key) {
			case '*' -> 10;
			case '#' -> 11;
			default -> key - '0';
		};
		ByteBuffer pcap = ByteBuffer.allocate(24 + (PACKETS + END_REPEATS) * (16 + 58)).order(ByteOrder.LITTLE_ENDIAN);
		pcap.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
		int timestamp = 16000 + press * 16000;
		for (int i = 0; i < PACKETS + END_REPEATS; i++) {
			boolean end = i >= PACKETS - 1;
			int duration = Math.min(i, PACKETS - 1) * 160 + 160;
			long micros = i * 20_000L;
			pcap.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(58).putInt(58);
			pcap.put(packet(press * 100 + i, timestamp, i == 0, event, end, duration));
		}
		try {
			Files.write(file, pcap.array());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Ethernet, IPv4, UDP and RTP headers around one telephone-event. */
	private static byte[] packet(int sequence, int timestamp, boolean marker, int event, boolean end, int duration) {
		ByteBuffer packet = ByteBuffer.allocate(58).order(ByteOrder.BIG_ENDIAN);
		packet.put(new byte[] { 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1 }).putShort((short) 0x0800);
		packet.put((byte) 0x45).put((byte) 0).putShort((short) 44).putShort((short) sequence).putShort((short) 0);
		packet.put((byte) 64).put((byte) 17).putShort((short) 0);
		packet.put(new byte[] { 127, 0, 0, 2 }).put(new byte[] { 127, 0, 0, 1 });
		packet.putShort((short) 6000).putShort((short) 6000).putShort((short) 24).putShort((short) 0);
		packet.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | 101)).putShort((short) sequence);
		packet.putInt(timestamp).putInt(0x5eed5eed);
		packet.put((byte) event).put((byte) ((end ? 0x80 : 0) | 10)).putShort((short) duration);
		return packet.array();
	}

}
