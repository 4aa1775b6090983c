package io.strata.optimizer.calcite;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Golden tests for SELECT shapes: SQL in, rows out. */
class SelectTest extends PlannerFixture {
    @Test
    void projectionsAndFilters() {
        assertEquals(List.of("alice|30", "carol|NULL"), rows("select name, age from users where city = 'Paris' order by id"));
        assertEquals(List.of("bob"), rows("select u.name from shop.users as u where u.age < 30"));
        assertEquals(List.of("1|one", "2|two"), rows("select * from other.items"));
        assertEquals(List.of("alice", "bob", "dave"), rows("select name from users where age is not null order by name"));
        assertEquals(List.of("carol"), rows("select name from users where age is null"));
        assertEquals(List.of("bob", "alice"), rows("select name from users where age between 20 and 35 order by age"));
        assertEquals(List.of("alice", "bob"), rows("select name from users where name in ('alice', 'bob', 'zed') order by 1"));
        assertEquals(List.of("carol", "dave"), rows("select name from users where id not in (1, 2) order by id"));
        assertEquals(List.of("alice", "carol"), rows("select name from users where name like '%a%' and name not like 'd%' and city like 'P_ris'"));
        assertEquals(List.of("dave"), rows("select name from USERS where NAME regexp '^d'"));
    }

    @Test
    void joins() {
        assertEquals(List.of("alice|10.50", "alice|20.25", "bob|5.00"),
                rows("select u.name, o.amount from users u join orders o on o.user_id = u.id order by o.id"));
        assertEquals(List.of("alice|100", "alice|101", "bob|102", "carol|NULL", "dave|NULL"),
                rows("select u.name, o.id from users u left join orders o on o.user_id = u.id order by u.id, o.id"));
        assertEquals(List.of("100|alice", "101|alice", "102|bob", "103|NULL"),
                rows("select o.id, u.name from users u right join orders o on o.user_id = u.id order by o.id"));
        assertEquals("8", value("select count(*) from users, other.items"));
        assertEquals("8", value("select count(*) from users cross join other.items"));
        assertEquals(List.of("1|alice|one", "2|bob|two"),
                rows("select id, u.name, label from users u join other.items using (id) order by id"));
        assertEquals(List.of("1|one"), rows("select i.id, i.label from other.items i, users u where i.id = u.id and u.name = 'alice'"));
    }

    @Test
    void aggregates() {
        assertEquals("4|3|96|32.0000|25|41", value("select count(*), count(age), sum(age), avg(age), min(age), max(age) from users"));
        assertEquals(List.of("Berlin|1", "Paris|2", "NULL|1"),
                rows("select city, count(*) from users group by city order by city is null, city"));
        assertEquals(List.of("Paris|2"), rows("select city, count(*) c from users group by city having c > 1"));
        assertEquals(List.of("Paris|2"), rows("select city, count(*) from users group by 1 having count(*) > 1"));
        assertEquals("2", value("select count(distinct city) from users"));
        assertEquals("35.75", value("select sum(amount) from orders"));
        assertEquals("11.916667", value("select avg(amount) from orders"));
        assertEquals("alice,bob,carol,dave", value("select group_concat(name order by id) from users"));
        assertEquals("dave;carol;bob;alice", value("select group_concat(name order by name desc separator ';') from users"));
        assertEquals("Berlin,Paris", value("select group_concat(distinct city order by city) from users"));
        assertEquals("0|NULL", value("select count(*), sum(age) from users where id > 100"));
        assertEquals(List.of("1|30.75", "2|5.00"), rows("select user_id, sum(amount) from orders where user_id is not null group by user_id order by user_id"));
    }

    @Test
    void orderLimitDistinct() {
        assertEquals(List.of("dave", "alice"), rows("select name from users order by age desc limit 2"));
        assertEquals(List.of("bob", "carol"), rows("select name from users order by id limit 1, 2"));
        assertEquals(List.of("carol"), rows("select name from users order by id limit 1 offset 2"));
        assertEquals(List.of("Berlin", "Paris"), rows("select distinct city from users where city is not null order by city"));
        assertEquals(List.of("carol", "bob", "alice", "dave"), rows("select name from users order by age"));
        assertEquals(List.of("4|dave", "3|carol"), rows("select id as k, name from users order by k desc limit 2"));
    }

    @Test
    void subqueries() {
        assertEquals(List.of("alice", "bob"), rows("select name from users where id in (select user_id from orders) order by id"));
        assertEquals(List.of("carol", "dave"), rows("select name from users where id not in (select user_id from orders where user_id is not null) order by id"));
        assertEquals(List.of("alice", "bob"), rows("select name from users u where exists (select 1 from orders o where o.user_id = u.id) order by id"));
        assertEquals(List.of("carol", "dave"), rows("select name from users u where not exists (select 1 from orders o where o.user_id = u.id) order by id"));
        assertEquals("41", value("select (select max(age) from users)"));
        assertEquals(List.of("alice|2", "bob|1", "carol|0"), rows("select name, (select count(*) from orders o where o.user_id = u.id) from users u where id < 4 order by id"));
        assertEquals(List.of("Paris|2"), rows("select c, n from (select city c, count(*) n from users group by city) d where n > 1"));
        assertEquals(List.of("1|x"), rows("select * from (select 1, 'x') as d(a, b)"));
        assertEquals(List.of("dave"), rows("select name from users where age = (select max(age) from users)"));
    }

    @Test
    void commonTableExpressions() {
        assertEquals(List.of("Paris|2"), rows("with c as (select city, count(*) n from users group by city) select city, n from c where n > 1"));
        assertEquals(List.of("1|30.75"), rows("with t(u, total) as (select user_id, sum(amount) from orders group by user_id), "
                + "top as (select u, total from t where total > 10) select u, total from top"));
        assertEquals(List.of("alice"), rows("with users as (select 'alice' as name) select name from users"));
    }

    @Test
    void unions() {
        assertEquals(List.of("1", "2"), rows("select 1 union select 2 union select 1 order by 1"));
        assertEquals(List.of("1", "1", "2"), rows("select 1 union all select 1 union all select 2 order by 1"));
        assertEquals(List.of("alice", "one"), rows("(select name from users where id = 1) union (select label from other.items where id = 1) order by 1"));
        assertEquals(List.of("2"), rows("select 1 a union select 2 order by a desc limit 1"));
    }

    @Test
    void caseAndNoFrom() {
        assertEquals(List.of("alice|old", "bob|young", "carol|unknown", "dave|old"),
                rows("select name, case when age >= 30 then 'old' when age < 30 then 'young' else 'unknown' end from users order by id"));
        assertEquals(List.of("one", "two", "other"),
                rows("select case id when 1 then 'one' when 2 then 'two' else 'other' end from users where id < 4 order by id"));
        assertEquals("2|abc|NULL", value("select 1 + 1, 'abc', null"));
        assertEquals("1|0|1", value("select 1 < 2, 2 < 1, 'a' = 'a'"));
        assertEquals("8.0.11-Strata|root@localhost|7", value("select version(), user(), connection_id()"));
    }
}
