package org.switchboard.telephony;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeerAllowListTest {

	@Test
	void allowsListedAddressesAndRangesOnly() throws Exception {
		PeerAllowList list = PeerAllowList.of(List.of("127.0.0.1", "10.20.0.0/16", "::1", "fd00::/8"));

		assertThat(list.allows(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(list.allows(InetAddress.getByName("127.0.0.2"))).isFalse();
		assertThat(list.allows(InetAddress.getByName("10.20.255.7"))).isTrue();
		assertThat(list.allows(InetAddress.getByName("10.21.0.1"))).isFalse();
		assertThat(list.allows(InetAddress.getByName("::1"))).isTrue();
		assertThat(list.allows(InetAddress.getByName("fd12:3456::1"))).isTrue();
		assertThat(list.allows(InetAddress.getByName("fe80::1"))).isFalse();
	}

	@Test
	void prefixesThatAreNotByteAlignedMaskTheRightBits() throws Exception {
		PeerAllowList list = PeerAllowList.of(List.of("172.16.0.0/12"));

		assertThat(list.allows(InetAddress.getByName("172.31.255.255"))).isTrue();
		assertThat(list.allows(InetAddress.getByName("172.32.0.0"))).isFalse();
		assertThat(list.allows(InetAddress.getByName("172.15.255.255"))).isFalse();
	}

	@Test
	void rejectsEntriesThatAreNotAddressesWithTheValueInTheMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAllowList.of(List.of("asterisk.example.com")))
			.withMessageContaining("'asterisk.example.com'");
		assertThatIllegalArgumentException().isThrownBy(() -> PeerAllowList.of(List.of("10.0.0.0/33")))
			.withMessageContaining("'10.0.0.0/33'");
	}

}
