# Query shapes over the fixture tables (see PlannerFixture).

> select u.name, count(o.id) as n, sum(o.amount) from users u left join orders o on o.user_id = u.id group by u.name order by n desc, u.name
alice|2|30.75
bob|1|5.00
carol|0|NULL
dave|0|NULL

> select name from users where city in (select city from users group by city having count(*) > 1) order by name
alice
carol

> select (select name from users where id = o.user_id) as who, amount from orders o order by o.id
alice|10.50
alice|20.25
bob|5.00
NULL|NULL

> select city, group_concat(name order by name separator '+') from users group by city order by city
NULL|dave
Berlin|bob
Paris|alice+carol

> select distinct status from orders order by status
NULL
new
paid

> select * from (select id, name from users where id > 2) t order by id desc limit 1
4|dave

> select count(*), count(a), count(distinct a), count(b), sum(a) from nopk
3|2|1|2|2

> select a, b from nopk where b = 'y' or a is null order by b
NULL|NULL
1|y

> select name from users where exists (select 1 from other.items i where i.label = 'two' and i.id = users.id)
bob

> select id from users union all select id from other.items order by 1 desc limit 3
4
3
2

> select id from users where id = 1 union select id from users where id < 3 order by id
1
2

> select u.id, i.label from users u left join other.items i on i.id = u.id and i.label <> 'one' order by u.id
1|NULL
2|two
3|NULL
4|NULL

> select nope from users
! 1054 Unknown column 'nope' in 'field list'

> select id from users u, orders o
! 1052 Column 'id' in field list is ambiguous

> select * from shop.missing
! 1146 Table 'shop.missing' doesn't exist

> select (select id from orders)
! 1242 Subquery returns more than 1 row

> select name from users where id = (select user_id from orders)
! 1242 Subquery returns more than 1 row
