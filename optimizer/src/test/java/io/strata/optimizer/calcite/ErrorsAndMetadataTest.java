package io.strata.optimizer.calcite;

import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.MysqlType;
import io.strata.spi.session.QueryResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsAndMetadataTest extends PlannerFixture {
    @Test
    void unknownColumn() {
        StrataException e = error("select x from users");
        assertEquals(ErrorCode.BAD_FIELD, e.code());
        assertEquals("Unknown column 'x' in 'field list'", e.getMessage());
        e = error("select id from users where nope = 1");
        assertEquals("Unknown column 'nope' in 'where clause'", e.getMessage());
        e = error("select id from users order by zz");
        assertEquals(1054, e.code().mysqlCode());
    }

    @Test
    void unknownTableAndDatabase() {
        StrataException e = error("select * from nosuch");
        assertEquals(ErrorCode.NO_SUCH_TABLE, e.code());
        assertEquals("Table 'shop.nosuch' doesn't exist", e.getMessage());
        assertEquals(1146, error("select * from nodb.t").code().mysqlCode());
        ctx.database = null;
        assertEquals(ErrorCode.NO_DB_ERROR, error("select * from users").code());
        assertEquals("1", value("select id from shop.users where id = 1"));
    }

    @Test
    void ambiguousColumn() {
        StrataException e = error("select id from users, orders");
        assertEquals(ErrorCode.NON_UNIQ_FIELD, e.code());
        assertEquals("Column 'id' in field list is ambiguous", e.getMessage());
    }

    @Test
    void subqueryReturnsMoreThanOneRow() {
        StrataException e = error("select (select id from users)");
        assertEquals(ErrorCode.SUBQUERY_NO_1_ROW, e.code());
        assertEquals(1242, e.code().mysqlCode());
    }

    @Test
    void unknownFunction() {
        assertEquals(ErrorCode.SP_DOES_NOT_EXIST, error("select nosuchfn(1)").code());
        assertEquals(ErrorCode.WRONG_PARAMCOUNT_TO_NATIVE_FCT, error("select abs(1, 2)").code());
    }

    @Test
    void columnMetadataOfBaseColumnsMatchesShortPath() {
        try (QueryResult r = run("select u.id, name as n, age from users u where id = 1")) {
            List<ColumnMeta> cols = r.columns();
            assertEquals(3, cols.size());
            ColumnMeta id = cols.get(0);
            assertEquals(io.strata.optimizer.catalog.ColumnMetas.forColumn(USERS, "u", USERS.columns().get(0), "id"), id);
            assertEquals("n", cols.get(1).name());
            assertEquals("name", cols.get(1).orgName());
            assertEquals("users", cols.get(1).orgTable());
            assertEquals("u", cols.get(1).table());
            assertEquals("shop", cols.get(1).schema());
            assertEquals(MysqlType.LONG, cols.get(2).type());
            assertTrue((id.flags() & ColumnMeta.PRI_KEY_FLAG) != 0);
        }
    }

    @Test
    void outerJoinedColumnsAreNullable() {
        try (QueryResult r = run("select u.name, o.id from orders o left join users u on u.id = o.user_id where o.id = 103")) {
            assertEquals(0, r.columns().get(0).flags() & ColumnMeta.NOT_NULL_FLAG);
            assertTrue((r.columns().get(1).flags() & ColumnMeta.NOT_NULL_FLAG) != 0);
            assertEquals("NULL|103", render(r.rows().next()));
        }
    }

    @Test
    void columnMetadataOfExpressions() {
        try (QueryResult r = run("select 1+1, 1/3, 'abc', 1.5e0, now(), curdate(), curtime(), null, max(id) = 1, count(*) from users")) {
            List<ColumnMeta> cols = r.columns();
            assertEquals("1 + 1", cols.get(0).name());
            assertEquals(MysqlType.LONGLONG, cols.get(0).type());
            assertEquals(MysqlType.NEWDECIMAL, cols.get(1).type());
            assertEquals(4, cols.get(1).decimals());
            assertEquals(MysqlType.VAR_STRING, cols.get(2).type());
            assertEquals(ColumnMeta.CHARSET_UTF8MB4, cols.get(2).charset());
            assertEquals("abc", cols.get(2).name());
            assertEquals(MysqlType.DOUBLE, cols.get(3).type());
            assertEquals(MysqlType.DATETIME, cols.get(4).type());
            assertEquals(MysqlType.DATE, cols.get(5).type());
            assertEquals(MysqlType.TIME, cols.get(6).type());
            assertEquals(MysqlType.NULL, cols.get(7).type());
            assertEquals(MysqlType.LONGLONG, cols.get(8).type());
            assertEquals(MysqlType.LONGLONG, cols.get(9).type());
            assertEquals("count(*)", cols.get(9).name());
        }
    }

    @Test
    void starExpandsToColumnNames() {
        try (QueryResult r = run("select * from users where id = 2")) {
            assertEquals(List.of("id", "name", "age", "city", "created", "birthday"), r.columns().stream().map(ColumnMeta::name).toList());
            assertEquals(MysqlType.DATETIME, r.columns().get(4).type());
            assertEquals(MysqlType.DATE, r.columns().get(5).type());
            Object[] row = r.rows().next();
            assertEquals(java.time.LocalDateTime.of(2024, 2, 3, 4, 5, 6), row[4]);
            assertEquals(java.time.LocalDate.of(1999, 1, 31), row[5]);
            assertEquals(25L, row[2]);
        }
    }

    @Test
    void describeDoesNotRun() {
        tables.log.clear();
        List<ColumnMeta> cols = planner.describe(parse("select name, amount from users u join orders o on o.user_id = u.id"), ctx);
        assertEquals(List.of("name", "amount"), cols.stream().map(ColumnMeta::name).toList());
        assertEquals(MysqlType.NEWDECIMAL, cols.get(1).type());
        assertTrue(tables.log.isEmpty(), tables.log.toString());
    }

    @Test
    void errorsAreStrataExceptions() {
        assertThrows(StrataException.class, () -> rows("select id from users group by name"));
    }
}
