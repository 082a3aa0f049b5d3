package dev.findingsresponder.response.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlockLocationTest {

    @Test
    void naclAndWafKeysHaveTheDocumentedShapeAndParseBack() {
        BlockLocation nacl = BlockLocation.nacl("123456789012", "eu-west-1", "acl-0abc");
        BlockLocation waf = BlockLocation.waf("123456789012", "eu-west-1", "REGIONAL", "blocklist-v4");

        assertThat(nacl.key()).isEqualTo("nacl:123456789012:eu-west-1:acl-0abc");
        assertThat(waf.key()).isEqualTo("waf:123456789012:eu-west-1:REGIONAL:blocklist-v4");
        assertThat(BlockLocation.parse(nacl.key())).contains(nacl);
        assertThat(BlockLocation.parse(waf.key())).contains(waf);
        assertThat(nacl.scope()).isNull();
    }

    @Test
    void aCloudFrontSetLivesInUsEast1WhateverRegionItIsNamedWith() {
        BlockLocation edge = BlockLocation.waf("123456789012", "eu-west-1", "CLOUDFRONT", "edge");

        assertThat(edge.region()).isEqualTo("us-east-1");
        assertThat(edge.key()).isEqualTo("waf:123456789012:us-east-1:CLOUDFRONT:edge");
        assertThat(BlockLocation.parse("waf:123456789012:eu-west-1:CLOUDFRONT:edge")).contains(edge);
    }

    @Test
    void keysOfAnotherShapeDoNotParse() {
        assertThat(BlockLocation.parse(null)).isEmpty();
        assertThat(BlockLocation.parse("nacl:123456789012:us-east-1")).isEmpty(); // the executor's target key
        assertThat(BlockLocation.parse("nacl:123456789012:us-east-1:acl-1:extra")).isEmpty();
        assertThat(BlockLocation.parse("waf:123456789012:us-east-1:GLOBAL:set")).isEmpty();
        assertThat(BlockLocation.parse("waf:123456789012:us-east-1:REGIONAL:")).isEmpty();
        assertThat(BlockLocation.parse("sns:123456789012:us-east-1:topic")).isEmpty();
    }

    @Test
    void partsThatWouldBreakTheKeyAreRefused() {
        assertThatThrownBy(() -> BlockLocation.nacl("1234:5678", "us-east-1", "acl-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BlockLocation.waf("123456789012", "us-east-1", null, "set"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockLocation("nacl", "123456789012", "us-east-1", "acl-1", "REGIONAL"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
