package io.strata.optimizer.calcite;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SmokeTest extends PlannerFixture {
    @Test
    void simpleSelects() {
        assertEquals("2", value("select 1+1"));
        assertEquals(List.of("1|alice", "2|bob", "3|carol", "4|dave"), rows("select id, name from users"));
        assertEquals(List.of("alice"), rows("select name from users where id = 1"));
        assertEquals("Strata test", value("select @@version_comment"));
        assertEquals("shop", value("select database()"));
    }
}
