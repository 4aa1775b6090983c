# MySQL functions and operators: expected values as MySQL 8 returns them.
# Fixture: shop.users(id, name, age, city, created, birthday), shop.orders(id, user_id, amount, status).

> select concat('My', 'S', 'QL'), concat('My', null, 'QL'), concat(14.3)
MySQL|NULL|14.3

> select concat_ws(',', 'First name', 'Second name', 'Last Name'), concat_ws(',', 'First name', null, 'Last Name')
First name,Second name,Last Name|First name,Last Name

> select length('text'), char_length('text'), length(''), length(null)
4|4|0|NULL

> select lpad('hi', 4, '??'), lpad('hi', 1, '??'), rpad('hi', 5, '?'), rpad('hi', 1, '?')
??hi|h|hi???|h

> select locate('bar', 'foobarbar'), locate('xbar', 'foobar'), locate('bar', 'foobarbar', 5), instr('foobarbar', 'bar'), instr('xbar', 'foobar')
4|0|7|4|0

> select substring('Quadratically', 5), substring('foobarbar' from 4), substring('Quadratically', 5, 6), substring('Sakila', -3), substring('Sakila', -5, 3), substring('Sakila' from -4 for 2)
ratically|barbar|ratica|ila|aki|ki

> select left('foobarbar', 5), right('foobarbar', 4), repeat('MySQL', 3), reverse('abc'), replace('www.mysql.com', 'w', 'Ww')
fooba|rbar|MySQLMySQLMySQL|cba|WwWwWw.mysql.com

> select trim('  bar   '), trim(leading 'x' from 'xxxbarxxx'), trim(both 'x' from 'xxxbarxxx'), trim(trailing 'xyz' from 'barxxyz'), ltrim('  barbar'), rtrim('barbar   ')
bar|barxxx|bar|barx|barbar|barbar

> select upper('Hej'), lower('QUADRATICALLY'), ucase('a'), lcase('B')
HEJ|quadratically|A|b

> select abs(2), abs(-32), ceiling(1.23), ceil(-1.23), floor(1.23), floor(-1.23)
2|32|2|-1|1|-2

> select round(-1.23), round(-1.58), round(1.58), round(1.298, 1), round(1.298, 0), round(23.298, -1), round(2.5), round(-2.5)
-1|-2|2|1.3|1|20|3|-3

> select truncate(1.223, 1), truncate(1.999, 1), truncate(1.999, 0), truncate(-1.999, 1), truncate(122, -2)
1.2|1.9|1|-1.9|100

> select mod(234, 10), 253 % 7, mod(29, 9), 29 mod 9, mod(34.5, 3), 5 div 2, -5 div 2
4|1|2|2|1.5|2|-2

> select pow(2, 2), power(2, -2), sqrt(4), sqrt(20) > 4.47, sqrt(-16), sign(-32), sign(0), sign(234)
4|0.25|2|1|NULL|-1|0|1

> select ln(2) > 0.69, ln(-2), log(2, 65536), log(10, 100), log(1, 100), log10(100), log2(65536), exp(0)
1|NULL|16|2|NULL|2|16|1

> select greatest(2, 0), greatest(34.0, 3.0, 5.0, 767.0), greatest('B', 'A', 'C'), least(2, 0), least(34.0, 3.0, 5.0, 767.0), least('B', 'A', 'C'), greatest(1, null)
2|767.0|C|0|3.0|A|NULL

> select 1 + 2, 3 - 5, 3 * 5, 18014398509481984 * 2, 3 / 5, 102 / 0, 1 / 3 * 3
3|-2|15|36028797018963968|0.6000|NULL|0.9999

> select 2.5 * 2, 0.1 + 0.2, 1.000 - 0.5, 1e0 / 3 > 0.333
5.0|0.3|0.500|1

> select '1' + '2', 'abc' * 2, '3.5x' + 1, ' 7 ' + 0
3|0|4.5|7

> select ifnull(1, 0), ifnull(null, 10), ifnull(1 / 0, 'yes'), nullif(1, 1), nullif(1, 2), if(1 > 2, 2, 3), if(1 < 2, 'yes', 'no'), if(strcmp('test', 'test1'), 'no', 'yes')
1|10|yes|NULL|1|3|yes|no

> select strcmp('text', 'text2'), strcmp('text2', 'text'), strcmp('text', 'text'), strcmp(null, 'a')
-1|1|0|NULL

> select nosuchfunction(1)
! 1305 FUNCTION shop.nosuchfunction does not exist

> select 1 <=> 1, null <=> null, 1 <=> null, 1 = 1, null = null, 1 = null
1|1|0|1|NULL|NULL

> select 2 between 1 and 3, 2 between 3 and 1, 1 between 2 and 3, 'b' between 'a' and 'c', 2 not between 1 and 3
1|0|0|1|0

> select 2 in (0, 3, 5, 7), 'wefwf' in ('wee', 'wefwf', 'weg'), 1 in (null, 1), 3 in (null, 1), 3 not in (null, 1)
0|1|1|NULL|NULL

> select 1 is true, 0 is false, null is unknown, 1 is not unknown, 1 is not true, null is not false
1|1|1|1|0|1

> select not 10, not 0, not null, ! (1 + 1), 1 and 1, 1 and 0, 1 and null, 0 and null, 1 or 1, 1 or 0, 0 or null, 1 or null, 1 xor 1, 1 xor 0
0|1|NULL|0|1|0|NULL|0|1|1|NULL|1|0|1

> select 'David!' like 'David_', 'David!' like '%D%v%', 'David!' like 'David\_', 'David_' like 'David\_', 'David_' like 'David|_' escape '|', 10 like '1%', 'abc' not like 'a%'
1|1|0|1|1|1|0

> select 'Michael!' regexp '.*', 'new*\n*line' regexp 'new\\*.\\*line', 'a' regexp '^[a-d]', 'abc' rlike 'b', 'abc' not regexp 'b'
1|0|1|1|0

> select case 1 when 1 then 'one' when 2 then 'two' else 'more' end, case when 1 > 0 then 'true' else 'false' end, case 'B' when 'a' then 1 when 'b' then 2 end
one|true|2

> select cast('2024-02-30' as date), cast('20240102' as date), cast(20240102 as date), cast('2024-1-2 3:4:5' as datetime)
NULL|2024-01-02|2024-01-02|2024-01-02 03:04:05

> select cast(-1 as signed), cast('-12.6' as signed), cast(12.6 as signed), cast('9' as unsigned), cast(1.5e0 as decimal(5, 2)), cast(123.456 as decimal(4, 1)), cast('abc' as char), cast(12 as char(1))
-1|-12|13|9|1.50|123.5|abc|1

> select date_format('2009-10-04 22:23:00', '%W %M %Y'), date_format('2007-10-04 22:23:00', '%H:%i:%s'), date_format('1900-10-04 22:23:00', '%D %y %a %d %m %b %j'), date_format('1999-01-01', '%X %V'), date_format('2006-06-00', '%d')
Sunday October 2009|22:23:00|4th 00 Thu 04 10 Oct 277|X V|NULL

> select str_to_date('01,5,2013', '%d,%m,%Y'), str_to_date('May 1, 2013', '%M %d,%Y'), str_to_date('09:30:17', '%h:%i:%s'), str_to_date('a09:30:17', '%h:%i:%s')
2013-05-01|2013-05-01|09:30:17|NULL

> select date_add('2018-05-01', interval 1 day), date_sub('2018-05-01', interval 1 year), date_add('2020-12-31 23:59:59', interval 1 second), date_add('2100-12-31 23:59:59', interval '1:1' minute_second), date_sub('2025-01-01 00:00:00', interval '1 1:1:1' day_second), date_add('1900-01-01 00:00:00', interval '-1 10' day_hour)
2018-05-02|2017-05-01|2021-01-01 00:00:00|2101-01-01 00:01:00|2024-12-30 22:58:59|1899-12-30 14:00:00

> select adddate('2008-01-02', 31), subdate('2008-01-02', 31), date('2003-12-31 01:02:03'), datediff('2007-12-31 23:59:59', '2007-12-30'), datediff('2010-11-30 23:59:59', '2010-12-31')
2008-02-02|2007-12-02|2003-12-31|1|-31

> select year('1987-01-01'), month('2008-02-03'), day('2007-02-03'), dayofmonth('2007-02-03'), dayofweek('2007-02-03'), dayofyear('2007-02-03'), quarter('2008-04-01'), hour('10:05:03'), minute('2008-02-03 10:05:03'), second('10:05:03')
1987|2|3|3|7|34|2|10|5|3

> select extract(year from '2019-07-02'), extract(year_month from '2019-07-02 01:02:03'), extract(day_minute from '2019-07-02 01:02:03'), extract(microsecond from '2003-01-02 10:30:00.000123')
2019|201907|20102|123

> select now(), sysdate() >= '2000-01-01', curdate() + 0, current_date(), curtime(), utc_timestamp() is not null, date(now())
2024-03-15 10:20:30|1|20240315|2024-03-15|10:20:30|1|2024-03-15

> select from_unixtime(unix_timestamp('2015-11-13 10:20:19')) = '2015-11-13 10:20:19', from_unixtime(0, '%Y') >= '1969', unix_timestamp(null)
1|1|NULL

> select last_insert_id(), row_count(), database(), schema(), user(), current_user(), connection_id(), version()
42|3|shop|shop|root@localhost|root@localhost|7|8.0.11-Strata

> select @@version_comment, @@session.autocommit, @@global.max_connections, @nothing
Strata test|1|151|NULL

> select @@nosuchvar
! 1193 Unknown system variable 'nosuchvar'

> select 29 & 15, 29 | 15, 11 ^ 3, 1 << 2, 4 >> 2, ~0 = -1, 5 & null, ~0
13|31|8|4|1|0|NULL|18446744073709551615

> select n'text', _utf8mb4'x', 'a' 'b' 'c', x'4142', b'11' + 0
text|x|abc|AB|3

> select count(*) from users where name like binary 'a%'
1
