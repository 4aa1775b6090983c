package io.strata.optimizer.calcite;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MySQL functions, operators, NULL handling and type coercion: expressions in, values out. */
class MysqlSemanticsTest extends PlannerFixture {
    @Test
    void controlFlowAndNulls() {
        assertEquals("5|x|NULL|3|NULL", value("select ifnull(null, 5), ifnull('x', 'y'), nullif(1, 1), nullif(3, 1), coalesce(null, null)"));
        assertEquals("yes|no|no", value("select if(1 < 2, 'yes', 'no'), if(0, 'yes', 'no'), if(null, 'yes', 'no')"));
        assertEquals("7", value("select coalesce(null, 7, 8)"));
        assertEquals("NULL|NULL|1|0", value("select null = null, null + 1, null <=> null, 1 <=> null"));
        assertEquals("1|0|NULL", value("select 1 and 2, 1 and 0, null and 1"));
        assertEquals("0|1|1", value("select 0 or 0, 0 or 3, null or 1"));
        assertEquals("1|0|NULL", value("select 1 xor 0, 1 xor 1, 1 xor null"));
        assertEquals("0|1", value("select not 5, not 0"));
        assertEquals("1|0|1|1", value("select 5 is true, 0 is true, 0 is false, null is not true"));
        assertEquals(List.of("alice", "bob", "dave"), rows("select name from users where age order by id"));
    }

    @Test
    void strings() {
        assertEquals("abc|NULL|a-b-c|a-c", value("select concat('a', 'b', 'c'), concat('a', null), concat_ws('-', 'a', 'b', 'c'), concat_ws('-', 'a', null, 'c')"));
        assertEquals("5|3|ABC|abc", value("select length('héé'), char_length('héé'), upper('abc'), lower('ABC')"));
        assertEquals("bcd|cd|bc|ef|bc", value("select substring('abcdef', 2, 3), substr('abcdef', 3, 2), mid('abcdef', 2, 2), substring('abcdef' from -2), substring('abcdef' from 2 for 2)"));
        assertEquals("x|x  |  x|yxy", value("select trim('  x  '), ltrim('  x  '), rtrim('  x  '), trim(both 'a' from 'ayxya')"));
        assertEquals("xyaa|aayx", value("select trim(leading 'a' from 'aaxyaa'), trim(trailing 'a' from 'aayxaa')"));
        assertEquals("hi there|ab|ef", value("select replace('hi you', 'you', 'there'), left('abcdef', 2), right('abcdef', 2)"));
        assertEquals("00042|42000|4", value("select lpad('42', 5, '0'), rpad('42', 5, '0'), lpad('4242', 1, 'x')"));
        assertEquals("3|0|3|5", value("select locate('c', 'abcabc'), locate('z', 'abc'), instr('abcabc', 'c'), locate('b', 'abcabc', 3)"));
        assertEquals("cba|ababab|3", value("select reverse('abc'), repeat('ab', 3), position('c' in 'abc')"));
        // LIKE follows the collation: utf8mb4_0900_ai_ci by default, case-insensitive as in MySQL
        assertEquals("1|1|1|1", value("select 'abc' like 'a%', 'abc' like 'A%', 'a%c' like 'a|%c' escape '|', 'abc' regexp 'b+'"));
    }

    @Test
    void arithmeticAndDecimals() {
        assertEquals("0.3333|2.5000|NULL", value("select 1/3, 5/2, 1/0"));
        assertTrue(ctx.warnings.stream().anyMatch(w -> w.contains("1365")), ctx.warnings.toString());
        assertEquals("3|1|NULL|-3", value("select 7 div 2, 7 % 3, 5 mod 0, -7 div 2"));
        assertEquals("1.50|0.10|0.333333", value("select 1.0 * 1.5, 0.1 + 0.00, 1.00 / 3"));
        assertEquals("3.3000000000000003", value("select 1.1e0 * 3"));
        assertEquals("13|12.5|0", value("select '12abc' + 1, '12.5', 'abc' + 0"));
        assertTrue(ctx.warnings.stream().anyMatch(w -> w.contains("1292") && w.contains("12abc")), ctx.warnings.toString());
        assertEquals("1|1|0", value("select '10' = 10, 'abc' = 0, '1e1' < 9"));
        assertEquals("5|2|-2|3|3", value("select abs(-5), ceil(1.2), floor(-1.5), ceiling(2.1), round(2.5)"));
        assertEquals("1.24|1.23|-1.2|120", value("select round(1.235, 2), truncate(1.239, 2), round(-1.15, 1), round(123, -1)"));
        assertEquals("8|3|1|-1|3.141593", value("select pow(2, 3), sqrt(9), sign(5), sign(-2.5), round(pi(), 6)"));
        assertEquals("2|3|1|0", value("select greatest(1, 2), least(3, 4, 5), log10(10), ln(1)"));
        assertEquals("3|8", value("select log2(8), exp(0) + 7"));
        assertEquals("4|b", value("select greatest(1, 4, 3), least('b', 'c')"));
    }

    @Test
    void overflowIsAnError() {
        var e = error("select 9223372036854775807 + 1");
        assertEquals(1690, e.code().mysqlCode());
        assertTrue(e.getMessage().contains("BIGINT value is out of range"), e.getMessage());
    }

    @Test
    void casts() {
        assertEquals("12|-3|3|12.35|2024-01-02", value("select cast('12abc' as signed), cast(-3.2 as signed), cast(2.5 as signed), cast('12.345' as decimal(10,2)), cast('2024-01-02' as date)"));
        assertEquals("12|2024-01-02 03:04:05|03:04:05|1.5", value("select cast(12 as char), cast('2024-01-02 03:04:05' as datetime), cast('03:04:05' as time), cast('1.5' as double)"));
        assertEquals("3.14|7", value("select convert('3.14159', decimal(5,2)), convert(7, unsigned)"));
    }

    @Test
    void datesAndTimes() {
        assertEquals("2024-03-15 10:20:30|2024-03-15|10:20:30", value("select now(), curdate(), curtime()"));
        assertEquals("2024-03-15 10:20:30|2024-03-15", value("select current_timestamp, current_date"));
        assertEquals("2024|3|15|10|20|30", value("select year(now()), month(now()), day(now()), hour(now()), minute(now()), second(now())"));
        assertEquals("6|75|1|2024-03-15", value("select dayofweek('2024-03-15'), dayofyear('2024-03-15'), quarter('2024-03-15'), date(now())"));
        assertEquals("2024-02-29|2024-01-31 12:00:00|2024-04-14", value("select date_add('2024-01-31', interval 29 day), date_sub(cast('2024-02-01' as datetime), interval 12 hour), date('2024-03-15') + interval 30 day"));
        assertEquals("2024-02-29", value("select cast('2024-01-31' as date) + interval 1 month"));
        assertEquals("31|-31", value("select datediff('2024-02-01', '2024-01-01'), datediff('2024-01-01', '2024-02-01')"));
        assertEquals("2024/01/02 03:04 Tuesday January 2nd", value("select date_format(created, '%Y/%m/%d %H:%i %W %M %D') from users where id = 1"));
        assertEquals("2024-05-06|2024-05-06 07:08:09", value("select str_to_date('06/05/2024', '%d/%m/%Y'), str_to_date('2024-05-06 07:08:09', '%Y-%m-%d %H:%i:%s')"));
        assertEquals("2024|202403", value("select extract(year from '2024-03-15'), extract(year_month from now())"));
        assertEquals(List.of("dave"), rows("select name from users where created < '2024-01-01'"));
        assertEquals(List.of("alice", "bob"), rows("select name from users where birthday >= '1990-01-01' order by id"));
        assertEquals("1", value("select from_unixtime(unix_timestamp('2024-01-02 03:04:05')) = '2024-01-02 03:04:05'"));
    }

    @Test
    void sessionValues() {
        ctx.userVars.put("v", 10L);
        assertEquals("42|3|shop|shop|root@localhost", value("select last_insert_id(), row_count(), database(), schema(), current_user()"));
        assertEquals("1|151|67108864|11", value("select @@autocommit, @@global.max_connections, @@session.max_allowed_packet, @v + 1"));
        assertEquals("NULL", value("select @unset"));
        var e = error("select @@no_such_var");
        assertEquals(1193, e.code().mysqlCode());
    }

    @Test
    void aggregatesOverExpressions() {
        assertEquals("32.0000|96|3", value("select avg(age), sum(age), count(distinct age) from users"));
        assertEquals("NULL", value("select avg(age) from users where id > 99"));
        assertEquals(List.of("paid|30.75|2", "new|5.00|1"), rows("select status, sum(amount), count(*) from orders where status is not null group by status order by 2 desc"));
    }
}
