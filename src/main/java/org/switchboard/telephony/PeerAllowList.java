package org.switchboard.telephony;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Addresses and CIDR ranges (IPv4 and IPv6) allowed to open FastAGI sessions. */
final class PeerAllowList {

	private record Range(byte[] network, int prefix, String text) {

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int fullBytes = this.prefix / 8;
			for (int i = 0; i < fullBytes; i++) {
				if (address[i] != this.network[i]) {
					return false;
				}
			}
			int restBits = this.prefix % 8;
			if (restBits == 0) {
				return true;
			}
			int mask = (0xFF << (8 - restBits)) & 0xFF;
			return (address[fullBytes] & mask) == (this.network[fullBytes] & mask);
		}

	}

	private final List<Range> ranges;

	private PeerAllowList(List<Range> ranges) {
		this.ranges = ranges;
	}

	/** Parses entries like {@code 127.0.0.1}, {@code 10.0.0.0/8} or {@code ::1}. */
	static PeerAllowList of(List<String> entries) {
		return new PeerAllowList(entries.stream().map(String::strip).map(PeerAllowList::range).toList());
	}

	boolean allows(InetAddress peer) {
		byte[] address = peer.getAddress();
		return this.ranges.stream().anyMatch((range) -> range.contains(address));
	}

	private static Range range(String entry) {
		int slash = entry.indexOf('/');
		String host = (slash < 0) ? entry : entry.substring(0, slash);
		if (host.isEmpty() || !host.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			throw new IllegalArgumentException(
					"switchboard.agi.allowed-peers: not an IP address or CIDR range: '" + entry + "'");
		}
		byte[] network;
		try {
			network = InetAddress.getByName(host).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("switchboard.agi.allowed-peers: not an IP address: '" + entry + "'");
		}
		int prefix = network.length * 8;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(entry.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > network.length * 8) {
				throw new IllegalArgumentException(
						"switchboard.agi.allowed-peers: prefix out of range in '" + entry + "'");
			}
		}
		return new Range(network, prefix, entry);
	}

	@Override
	public String toString() {
		return this.ranges.stream().map(Range::text).toList().toString();
	}

}
