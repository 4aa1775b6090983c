package io.strata.bench.tpcc;

/** The five TPC-C transactions and their share of the standard mix (specification 5.2.3 minimums). */
public enum TxnType {
    NEW_ORDER(45), PAYMENT(43), ORDER_STATUS(4), DELIVERY(4), STOCK_LEVEL(4);

    private final int percent;

    TxnType(int percent) {
        this.percent = percent;
    }

    public int percent() {
        return percent;
    }

    /** Picks a type for a uniform draw in [0, 100). */
    public static TxnType pick(int draw) {
        int acc = 0;
        for (TxnType t : values()) {
            acc += t.percent;
            if (draw < acc) {
                return t;
            }
        }
        throw new IllegalArgumentException("draw out of range: " + draw);
    }
}
