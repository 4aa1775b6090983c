package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.TableDef;
import io.strata.spi.session.QueryResult;
import io.trino.tpch.TpchTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Join orders of the multi-join TPC-H queries planned with scale factor 1 statistics (row counts
 * and distinct counts, {@link TpchSf1Statistics}): with distinct counts the key/foreign-key joins
 * are seen as such, and tables that only share a low-cardinality column (customer and supplier
 * share the nation key: 25 values) are not joined to each other before the tables linking them.
 * Asserts on plan shape only.
 */
class TpchJoinOrderTest {
    private static final Pattern TABLE = Pattern.compile("table:(\\w+)");

    private final TestContextDouble ctx;
    private final CalciteQueryPlanner planner = new CalciteQueryPlanner(PlannerConfig.defaults());

    TpchJoinOrderTest() {
        List<TableDef> defs = new ArrayList<>();
        long id = 100;
        for (TpchTable<?> t : TpchTable.getTables()) {
            defs.add(TpchQueriesTest.tableDef(id++, t));
        }
        ctx = new TestContextDouble("tpch", new InMemoryCatalogDouble(1, List.of("tpch"), defs), new InMemoryTablesDouble());
        planner.useStatistics(TpchSf1Statistics.INSTANCE);
    }

    /** One operator of an EXPLAIN: its line and the tables read beneath it. */
    private record Operator(String line, Set<String> tables) {
        boolean isJoin() {
            return line.contains("Join_");
        }
    }

    private List<Operator> operators(int query) throws IOException {
        List<String> lines = new ArrayList<>();
        try (QueryResult r = planner.explain(PlannerFixture.parse(TpchQueriesTest.text(query)), ctx)) {
            r.rows().forEachRemaining(row -> lines.add(PlannerFixture.render(row)));
        }
        List<Operator> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Set<String> tables = new TreeSet<>();
            int depth = depth(lines.get(i));
            for (int j = i; j < lines.size() && (j == i || depth(lines.get(j)) > depth); j++) {
                Matcher m = TABLE.matcher(lines.get(j));
                if (m.find()) {
                    tables.add(m.group(1));
                }
            }
            out.add(new Operator(lines.get(i), tables));
        }
        return out;
    }

    private static int depth(String line) {
        int i = 0;
        while (i < line.length() && !Character.isLetter(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Every join that brings {@code a} and {@code b} together also holds all of {@code via}. */
    private void assertJoinedOnlyThrough(int query, String a, String b, Set<String> via) throws IOException {
        List<Operator> ops = operators(query);
        for (Operator op : ops) {
            if (op.isJoin() && op.tables().contains(a) && op.tables().contains(b)) {
                assertTrue(op.tables().containsAll(via), "Q" + query + " joins " + a + " and " + b + " without " + via
                        + " at " + op.line() + "\n" + String.join("\n", ops.stream().map(Operator::line).toList()));
            }
        }
    }

    @Test
    void q5FollowsTheKeyChainInsteadOfJoiningCustomerWithSupplierOnTheirNation() throws IOException {
        assertJoinedOnlyThrough(5, "customer", "supplier", Set.of("orders", "lineitem"));
    }

    @Test
    void q7AndQ8JoinCustomerAndSupplierOnlyThroughOrdersAndLineitem() throws IOException {
        assertJoinedOnlyThrough(7, "customer", "supplier", Set.of("orders", "lineitem"));
        assertJoinedOnlyThrough(8, "customer", "supplier", Set.of("orders", "lineitem"));
        assertJoinedOnlyThrough(8, "region", "supplier", Set.of("lineitem"));
    }

    @Test
    void q9JoinsPartsuppOnlyWithLineitemRows() throws IOException {
        assertJoinedOnlyThrough(9, "partsupp", "part", Set.of("lineitem"));
        assertJoinedOnlyThrough(9, "partsupp", "supplier", Set.of("lineitem"));
    }

    @Test
    void estimatesFollowTheDistinctCounts() throws IOException {
        // region filtered on its name keeps 1 of its 5 rows
        List<Operator> q5 = operators(5);
        assertTrue(q5.stream().anyMatch(op -> op.line().contains("Selection_") && op.tables().equals(Set.of("region"))
                && op.line().contains("|1.00|")), String.join("\n", q5.stream().map(Operator::line).toList()));
    }
}
