package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TableStatistics;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What ANALYZE measures on a TPC-H scale factor 1 database: row counts, and distinct counts of
 * the columns (dbgen's value domains at SF 1).
 */
final class TpchSf1Statistics implements TableStatistics {
    static final TpchSf1Statistics INSTANCE = new TpchSf1Statistics();

    private static final Map<String, Double> ROWS = Map.of("region", 5.0, "nation", 25.0, "supplier", 10_000.0,
            "customer", 150_000.0, "part", 200_000.0, "partsupp", 800_000.0, "orders", 1_500_000.0, "lineitem", 6_001_215.0);
    private static final Map<String, Double> DISTINCT = Map.ofEntries(
            Map.entry("r_regionkey", 5.0), Map.entry("r_name", 5.0), Map.entry("r_comment", 5.0),
            Map.entry("n_nationkey", 25.0), Map.entry("n_name", 25.0), Map.entry("n_regionkey", 5.0), Map.entry("n_comment", 25.0),
            Map.entry("s_suppkey", 10_000.0), Map.entry("s_name", 10_000.0), Map.entry("s_address", 10_000.0),
            Map.entry("s_nationkey", 25.0), Map.entry("s_phone", 10_000.0), Map.entry("s_acctbal", 9_955.0),
            Map.entry("s_comment", 10_000.0),
            Map.entry("c_custkey", 150_000.0), Map.entry("c_name", 150_000.0), Map.entry("c_address", 150_000.0),
            Map.entry("c_nationkey", 25.0), Map.entry("c_phone", 150_000.0), Map.entry("c_acctbal", 140_187.0),
            Map.entry("c_mktsegment", 5.0), Map.entry("c_comment", 149_968.0),
            Map.entry("p_partkey", 200_000.0), Map.entry("p_name", 199_997.0), Map.entry("p_mfgr", 5.0),
            Map.entry("p_brand", 25.0), Map.entry("p_type", 150.0), Map.entry("p_size", 50.0), Map.entry("p_container", 40.0),
            Map.entry("p_retailprice", 20_899.0), Map.entry("p_comment", 131_753.0),
            Map.entry("ps_partkey", 200_000.0), Map.entry("ps_suppkey", 10_000.0), Map.entry("ps_availqty", 9_999.0),
            Map.entry("ps_supplycost", 99_865.0), Map.entry("ps_comment", 799_124.0),
            Map.entry("o_orderkey", 1_500_000.0), Map.entry("o_custkey", 99_996.0), Map.entry("o_orderstatus", 3.0),
            Map.entry("o_totalprice", 1_464_556.0), Map.entry("o_orderdate", 2_406.0), Map.entry("o_orderpriority", 5.0),
            Map.entry("o_clerk", 1_000.0), Map.entry("o_shippriority", 1.0), Map.entry("o_comment", 1_482_071.0),
            Map.entry("l_orderkey", 1_500_000.0), Map.entry("l_partkey", 200_000.0), Map.entry("l_suppkey", 10_000.0),
            Map.entry("l_linenumber", 7.0), Map.entry("l_quantity", 50.0), Map.entry("l_extendedprice", 933_900.0),
            Map.entry("l_discount", 11.0), Map.entry("l_tax", 9.0), Map.entry("l_returnflag", 3.0),
            Map.entry("l_linestatus", 2.0), Map.entry("l_shipdate", 2_526.0), Map.entry("l_commitdate", 2_466.0),
            Map.entry("l_receiptdate", 2_554.0), Map.entry("l_shipinstruct", 4.0), Map.entry("l_shipmode", 7.0),
            Map.entry("l_comment", 4_580_667.0));

    private TpchSf1Statistics() {
    }

    @Override
    public OptionalDouble rowCount(TableDef table) {
        Double n = ROWS.get(table.name());
        return n == null ? OptionalDouble.empty() : OptionalDouble.of(n);
    }

    @Override
    public OptionalDouble distinctValues(TableDef table, int columnId) {
        for (ColumnDef c : table.columns()) {
            if (c.id() == columnId && DISTINCT.containsKey(c.name())) {
                return OptionalDouble.of(DISTINCT.get(c.name()));
            }
        }
        return OptionalDouble.empty();
    }
}
