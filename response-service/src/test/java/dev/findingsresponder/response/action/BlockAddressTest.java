package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockAddressTest {

    @Test
    void parsesLiteralsOnlyIntoCanonicalHostCidrs() {
        assertThat(BlockAddress.parse("203.0.113.7").orElseThrow().cidr()).isEqualTo("203.0.113.7/32");
        assertThat(BlockAddress.parse(" 203.0.113.7/32 ").orElseThrow().cidr()).isEqualTo("203.0.113.7/32");
        assertThat(BlockAddress.parse("2001:DB8:0:0:0:0:0:7").orElseThrow().cidr()).isEqualTo("2001:db8::7/128");
        assertThat(BlockAddress.parse("2001:0:0:1:0:0:0:1").orElseThrow().toString()).isEqualTo("2001:0:0:1::1");
        assertThat(BlockAddress.parse("::1").orElseThrow().toString()).isEqualTo("::1");
        assertThat(BlockAddress.parse("fe80::").orElseThrow().toString()).isEqualTo("fe80::");
        assertThat(BlockAddress.parse("2001:db8:1:2:3:4:5:6").orElseThrow().toString()).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(BlockAddress.parse("::ffff:198.51.100.1").orElseThrow().cidr()).isEqualTo("198.51.100.1/32");
        assertThat(BlockAddress.parse("203.0.113.0/24")).isEmpty();
        assertThat(BlockAddress.parse("010.0.0.1")).isEmpty();
        assertThat(BlockAddress.parse("256.0.0.1")).isEmpty();
        assertThat(BlockAddress.parse("example.com")).isEmpty();
        assertThat(BlockAddress.parse("a:b")).isEmpty();
        assertThat(BlockAddress.parse("1:2:3:4:5:6:7:8:9")).isEmpty();
        assertThat(BlockAddress.parse(null)).isEmpty();
    }

    @Test
    void cidrsMatchByValue() {
        BlockAddress v4 = BlockAddress.parse("203.0.113.7").orElseThrow();
        BlockAddress v6 = BlockAddress.parse("2001:db8::7").orElseThrow();
        assertThat(BlockAddress.Cidr.parse("203.0.113.0/24").orElseThrow().contains(v4)).isTrue();
        assertThat(BlockAddress.Cidr.parse("203.0.112.0/24").orElseThrow().contains(v4)).isFalse();
        assertThat(BlockAddress.Cidr.parse("0.0.0.0/0").orElseThrow().contains(v4)).isTrue();
        assertThat(BlockAddress.Cidr.parse("0.0.0.0/0").orElseThrow().contains(v6)).isFalse();
        assertThat(BlockAddress.Cidr.parse("::/0").orElseThrow().contains(v6)).isTrue();
        assertThat(BlockAddress.Cidr.parse("2001:db8::/32").orElseThrow().contains(v6)).isTrue();
        assertThat(BlockAddress.Cidr.parse("2001:db8::/127").orElseThrow().contains(v6)).isFalse();
        assertThat(BlockAddress.Cidr.parse("2001:DB8:0::7/128").orElseThrow().isHost(v6)).isTrue();
        assertThat(BlockAddress.Cidr.parse("203.0.113.7/33")).isEmpty();
        assertThat(BlockAddress.Cidr.parse("203.0.113.7")).isEmpty();
    }
}
