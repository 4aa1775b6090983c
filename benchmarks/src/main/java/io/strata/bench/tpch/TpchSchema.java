package io.strata.bench.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The eight TPC-H tables as produced by the io.trino.tpch generator (the dbgen algorithm ported to
 * Java), with the types of the TPC-H specification: identifiers BIGINT, money DECIMAL(15,2), dates
 * DATE. The generator hands out money as double; it is rounded back to the cent it came from, so
 * both engines load the exact same decimal values.
 */
public final class TpchSchema {
    /** Load order: small dimension tables first so progress output starts quickly. */
    public static final List<TpchTable<?>> TABLES = List.of(TpchTable.REGION, TpchTable.NATION, TpchTable.SUPPLIER,
            TpchTable.CUSTOMER, TpchTable.PART, TpchTable.PART_SUPPLIER, TpchTable.ORDERS, TpchTable.LINE_ITEM);

    private static final Map<String, String> PRIMARY_KEYS = Map.of(
            "region", "r_regionkey", "nation", "n_nationkey", "supplier", "s_suppkey", "customer", "c_custkey",
            "part", "p_partkey", "partsupp", "ps_partkey, ps_suppkey", "orders", "o_orderkey",
            "lineitem", "l_orderkey, l_linenumber");

    /** Rows per unit of scale factor (region and nation are fixed); lineitem is about 4 per order. */
    private static final Map<String, Double> ROWS_PER_SF = Map.of(
            "supplier", 10_000.0, "customer", 150_000.0, "part", 200_000.0, "partsupp", 800_000.0,
            "orders", 1_500_000.0, "lineitem", 6_001_215.0);

    private TpchSchema() {
    }

    public static String createTable(TpchTable<?> table) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(table.getTableName()).append(" (");
        for (TpchColumn<?> c : table.getColumns()) {
            sb.append(c.getColumnName()).append(' ').append(sqlType(c.getType())).append(" NOT NULL, ");
        }
        sb.append("PRIMARY KEY (").append(PRIMARY_KEYS.get(table.getTableName())).append("))");
        return sb.toString();
    }

    static String sqlType(TpchColumnType type) {
        return switch (type.getBase()) {
            case IDENTIFIER -> "BIGINT";
            case INTEGER -> "INT";
            case DATE -> "DATE";
            case DOUBLE -> "DECIMAL(15,2)";
            case VARCHAR -> "VARCHAR(" + type.getPrecision().orElse(255L) + ")";
        };
    }

    public static List<String> columnNames(TpchTable<?> table) {
        List<String> names = new ArrayList<>();
        for (TpchColumn<?> c : table.getColumns()) {
            names.add(c.getColumnName());
        }
        return names;
    }

    public static long expectedRows(TpchTable<?> table, double sf) {
        return switch (table.getTableName()) {
            case "region" -> 5;
            case "nation" -> 25;
            default -> Math.max(1, (long) (ROWS_PER_SF.get(table.getTableName()) * sf));
        };
    }

    /** The row as Java values: Long, Integer, BigDecimal (scale 2), LocalDate or String. */
    public static <E extends TpchEntity> Object[] values(TpchTable<E> table, E entity) {
        List<TpchColumn<E>> columns = table.getColumns();
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
            TpchColumn<E> c = columns.get(i);
            row[i] = switch (c.getType().getBase()) {
                case IDENTIFIER -> c.getIdentifier(entity);
                case INTEGER -> c.getInteger(entity);
                case DATE -> LocalDate.ofEpochDay(c.getDate(entity));
                case DOUBLE -> BigDecimal.valueOf(c.getDouble(entity)).setScale(2, RoundingMode.HALF_UP);
                case VARCHAR -> c.getString(entity);
            };
        }
        return row;
    }
}
