package io.strata.bench.tpcc;

/**
 * Cardinalities of a TPC-C database. {@link #standard} is the specification's (100,000 items, 10
 * districts per warehouse, 3,000 customers and orders per district, the last 900 orders still
 * undelivered); {@link #tiny} shrinks everything but the warehouse/district structure for smoke
 * runs, and results at that size are not TPC-C figures.
 */
public record TpccScale(int warehouses, int items, int districtsPerWarehouse, int customersPerDistrict,
                        int ordersPerDistrict, int newOrdersPerDistrict) {
    public TpccScale {
        if (warehouses < 1 || items < 1 || districtsPerWarehouse < 1 || customersPerDistrict < 1
                || ordersPerDistrict < 1 || newOrdersPerDistrict < 0 || newOrdersPerDistrict > ordersPerDistrict) {
            throw new IllegalArgumentException("invalid TPC-C scale");
        }
        if (ordersPerDistrict > customersPerDistrict) {
            throw new IllegalArgumentException("each initial order belongs to a distinct customer: orders <= customers");
        }
    }

    public static TpccScale standard(int warehouses) {
        return new TpccScale(warehouses, 100_000, 10, 3_000, 3_000, 900);
    }

    public static TpccScale tiny(int warehouses) {
        return new TpccScale(warehouses, 1_000, 10, 30, 30, 9);
    }

    public boolean isStandard() {
        return equals(standard(warehouses));
    }

    /** The highest customer last-name number that exists (names come from numbers 0..999). */
    public int maxLastNameNumber() {
        return Math.min(999, customersPerDistrict - 1);
    }
}
