package io.strata.optimizer.calcite;

import io.strata.spi.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shapes real clients send, and corner cases of names, NULLs and coercion. */
class MoreShapesTest extends PlannerFixture {
    @Test
    void clientProbes() {
        assertEquals("Strata test", value("select @@version_comment limit 1"));
        assertEquals("1|Strata test", value("select @@session.autocommit as autocommit, @@version_comment as vc"));
        assertEquals("1", value("select 1 from dual"));
        assertEquals(List.of("x"), rows("select 'x' from users where id = 1"));
    }

    @Test
    void namesAndAliases() {
        assertEquals(List.of("1|alice"), rows("select a.id, a.name from users a where a.id = 1"));
        assertEquals(List.of("1|alice|30|Paris"), rows("select a.id, a.name, a.age, a.city from users a where a.id = 1"));
        assertEquals(List.of("Berlin|1", "Paris|2"), rows("select city as c, count(*) from users where city is not null group by c order by c"));
        assertEquals(List.of("82", "60", "50"), rows("select age * 2 as x from users where age is not null order by x desc"));
        assertEquals(List.of("ALICE"), rows("select UPPER(Name) from Users where ID = 1"));
        assertEquals(List.of("1"), rows("select `id` from `shop`.`users` where `name` = 'alice'"));
        assertEquals(List.of("1|one"), rows("select * from other.items natural join (select 1 as id) d"));
        assertEquals(List.of("dave"), rows("select name from users where id = (select max(id) from users)"));
        assertEquals(List.of("1|alice|30|Paris|2024-01-02 03:04:05|1994-05-06|100"),
                rows("select u.*, o.id from users u join orders o on o.user_id = u.id where o.id = 100"));
        assertEquals(List.of("100|1|10.50|paid"), rows("select o.* from users u join orders o on o.user_id = u.id where o.id = 100"));
        assertEquals(List.of("alice", "bob"), rows("select distinct u.name from users u, orders o where o.user_id = u.id order by u.name"));
    }

    @Test
    void nullsAndCoercion() {
        assertEquals("NULL|1|NULL", value("select 1 in (null, 2), 2 in (null, 2), 1 not in (2, null)"));
        assertEquals(List.of("alice"), rows("select name from users where id = '1'"));
        assertEquals(List.of("alice"), rows("select name from users where name = 'ALICE'"), "utf8mb4_0900_ai_ci is case-insensitive");
        assertEquals(List.of("1|0"), rows("select id = 1, id = 2 from users where id = 1"));
        assertEquals(List.of("1", "a"), rows("select 1 union select 'a'"));
        assertEquals("0", value("select count(*) from users where age > 100"));
        assertEquals(List.of("NULL"), rows("select max(age) from users where id > 10"));
        assertEquals(List.of("carol|NULL", "alice|30"), rows("select name, age from users where city = 'Paris' order by age"));
        assertEquals(List.of("alice|30", "carol|NULL"), rows("select name, age from users where city = 'Paris' order by age desc"));
    }

    @Test
    void mixedTypeComparisons() {
        assertEquals(List.of("1", "1"), rows("select id in ('1', 2) from users where id < 3 order by id"));
        assertEquals(List.of("0", "1"), rows("select id in ('abc', 2) from users where id < 3 order by id"));
        assertEquals("1", value("select '5' between 1 and 10"));
        assertEquals(List.of("none", "41"), rows("select coalesce(age, 'none') from users where id in (3, 4) order by id"));
        assertEquals(List.of("1", "x"), rows("select if(id = 1, 1, 'x') from users where id < 3 order by id"));
        assertEquals(List.of("1", "0"), rows("select (id = 1) = 1 from users where id < 3 order by id"));
        assertEquals(List.of("1", "1", "0", "NULL"), rows("select amount > 10 from orders order by id"));
        assertEquals("2", value("select count(*) from users where created between '2024-01-01' and '2024-12-31'"));
        assertEquals("8.937500", value("select sum(amount) / count(*) from orders"));
        assertEquals("2.5000|2|2.50000|2.5", value("select 10 / 4, 10 div 4, 10.0 / 4, 1e1 / 4"));
        assertEquals(List.of("2023|1", "2024|2"), rows("select year(created) y, count(*) from users where created is not null group by y order by y"));
    }

    @Test
    void moreErrors() {
        assertEquals("Unknown column 'o.nope' in 'on clause'", error("select * from users u join orders o on o.nope = u.id").getMessage());
        assertEquals(ErrorCode.BAD_TABLE, error("select zz.* from users").code());
        assertEquals(ErrorCode.INVALID_GROUP_FUNC_USE, error("select id from users where count(*) > 1").code());
        assertTrue(error("select (select id, name from users where id = 1)").code().mysqlCode() > 0);
    }
}
