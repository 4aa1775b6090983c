package io.strata.columnstore;

import io.strata.spi.codec.MemComparable;
import io.strata.spi.codec.RowCodec;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable batch of rows of one table in Arrow columns: one vector per schema column plus the
 * rows' handles, all owned by the batch's own allocator. Kernels read it through {@link Column};
 * {@link #root()} hands the vectors to Arrow (IPC) as a record batch. Close it to free the memory.
 */
public final class ColumnBatch implements AutoCloseable {
    private final BufferAllocator allocator;
    private final TableSchema schema;
    private final BigIntVector handles;
    private final List<Column> columns;
    private final VectorSchemaRoot root;

    private ColumnBatch(BufferAllocator allocator, TableSchema schema, BigIntVector handles, List<FieldVector> vectors) {
        this.allocator = allocator;
        this.schema = schema;
        this.handles = handles;
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            cols.add(new Column(schema.column(i), vectors.get(i)));
        }
        this.columns = List.copyOf(cols);
        this.root = new VectorSchemaRoot(vectors);
        root.setRowCount(handles.getValueCount());
    }

    public TableSchema schema() {
        return schema;
    }

    public int rowCount() {
        return handles.getValueCount();
    }

    public Column column(int position) {
        return columns.get(position);
    }

    public long handle(int row) {
        return handles.get(row);
    }

    /** The schema columns as an Arrow record batch (the vectors stay owned by this batch). */
    public VectorSchemaRoot root() {
        return root;
    }

    /** A new, empty builder for a batch of {@code schema} in the same store's memory. */
    public Builder newBatch(TableSchema schema) {
        return new Builder(allocator.getParentAllocator().newChildAllocator("batch", 0, Long.MAX_VALUE), schema);
    }

    @Override
    public void close() {
        try {
            AutoCloseables.close(root, handles, allocator);
        } catch (Exception e) {
            throw new IllegalStateException("closing a column batch", e);
        }
    }

    /**
     * Appends rows, either in Strata's row format ({@link RowCodec}, values keyed by column id;
     * a column the row does not carry gets its default) or as Java values in schema order, then
     * {@link #build()}s the batch. Closing a builder that was never built frees what it holds.
     */
    public static final class Builder implements AutoCloseable {
        private final BufferAllocator allocator;
        private final TableSchema schema;
        private final int[] columnIds;
        private final Object[] decoded;
        private final BigIntVector handles;
        private final List<FieldVector> vectors = new ArrayList<>();
        private int rows;
        private boolean built;

        Builder(BufferAllocator allocator, TableSchema schema) {
            this.allocator = allocator;
            this.schema = Objects.requireNonNull(schema, "schema is null");
            this.columnIds = schema.columnIds();
            this.decoded = new Object[columnIds.length];
            try {
                this.handles = new BigIntVector("_handle", allocator);
                handles.allocateNew();
                for (ColumnSpec c : schema.columns()) {
                    FieldVector v = FieldType.nullable(arrowType(c)).createNewSingleVector(c.name(), allocator, null);
                    vectors.add(v);
                    v.allocateNew();
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Appends a row in the row format ({@link RowCodec#encode}). */
        public Builder appendEncoded(long handle, byte[] encodedRow) {
            RowCodec.decode(encodedRow, columnIds, decoded);
            for (int i = 0; i < decoded.length; i++) {
                if (decoded[i] == RowCodec.ABSENT) {
                    decoded[i] = schema.column(i).defaultValue();
                }
            }
            return append(handle, decoded);
        }

        /** Appends a row given as Java values in schema order (null is SQL NULL). */
        public Builder append(long handle, Object[] values) {
            if (built) {
                throw new IllegalStateException("batch already built");
            }
            if (values.length != vectors.size()) {
                throw new IllegalArgumentException("expected " + vectors.size() + " values, got " + values.length);
            }
            handles.setSafe(rows, handle);
            for (int i = 0; i < values.length; i++) {
                set(vectors.get(i), schema.column(i), rows, values[i]);
            }
            rows++;
            return this;
        }

        /**
         * Appends rows {@code rows[0 .. count)} of {@code source}, taking its columns
         * {@code columns} (by position) as this builder's columns, value by value between vectors.
         */
        public Builder appendRows(ColumnBatch source, int[] columns, int[] rows, int count) {
            if (built) {
                throw new IllegalStateException("batch already built");
            }
            if (columns.length != vectors.size()) {
                throw new IllegalArgumentException("expected " + vectors.size() + " columns, got " + columns.length);
            }
            for (int k = 0; k < columns.length; k++) {
                FieldVector from = source.column(columns[k]).vector();
                FieldVector to = vectors.get(k);
                if (!from.getField().getType().equals(to.getField().getType())) {
                    throw new IllegalArgumentException("column " + k + " is " + to.getField().getType() + ", source is "
                            + from.getField().getType());
                }
                for (int i = 0; i < count; i++) {
                    to.copyFromSafe(rows[i], this.rows + i, from);
                }
            }
            for (int i = 0; i < count; i++) {
                handles.setSafe(this.rows + i, source.handle(rows[i]));
            }
            this.rows += count;
            return this;
        }

        public ColumnBatch build() {
            if (built) {
                throw new IllegalStateException("batch already built");
            }
            built = true;
            handles.setValueCount(rows);
            for (FieldVector v : vectors) {
                v.setValueCount(rows);
            }
            return new ColumnBatch(allocator, schema, handles, vectors);
        }

        @Override
        public void close() {
            if (!built) {
                built = true;
                List<AutoCloseable> all = new ArrayList<>(vectors);
                all.add(handles);
                all.add(allocator);
                try {
                    AutoCloseables.close(all);
                } catch (Exception e) {
                    throw new IllegalStateException("closing a column batch builder", e);
                }
            }
        }
    }

    static ArrowType arrowType(ColumnSpec c) {
        return switch (c.kind()) {
            case INTEGER -> new ArrowType.Int(64, true);
            case DECIMAL -> new ArrowType.Decimal(c.precision(), c.scale(), c.precision() <= ColumnKind.DECIMAL128_PRECISION ? 128 : 256);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case STRING -> ArrowType.Utf8.INSTANCE;
            case BINARY -> ArrowType.Binary.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case DATETIME -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case TIME -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
        };
    }

    private static void set(FieldVector v, ColumnSpec c, int row, Object value) {
        if (value == null) {
            v.setNull(row);
            return;
        }
        switch (c.kind()) {
            case INTEGER -> ((BigIntVector) v).setSafe(row, integer(value, c));
            case DECIMAL -> {
                BigDecimal d = decimal(value, c).setScale(c.scale(), RoundingMode.HALF_UP);
                if (v instanceof DecimalVector dv) {
                    dv.setSafe(row, d);
                } else {
                    ((Decimal256Vector) v).setSafe(row, d);
                }
            }
            case DOUBLE -> ((Float8Vector) v).setSafe(row, number(value, c).doubleValue());
            case STRING -> ((VarCharVector) v).setSafe(row, bytes(value, c));
            case BINARY -> ((VarBinaryVector) v).setSafe(row, bytes(value, c));
            case DATE -> ((DateDayVector) v).setSafe(row, Math.toIntExact(((LocalDate) typed(value, LocalDate.class, c)).toEpochDay()));
            case DATETIME -> ((TimeStampMicroVector) v).setSafe(row, value instanceof LocalDate d
                    ? MemComparable.datetimeToMicros(d.atStartOfDay())
                    : MemComparable.datetimeToMicros((LocalDateTime) typed(value, LocalDateTime.class, c)));
            case TIME -> ((TimeMicroVector) v).setSafe(row, ((java.time.Duration) typed(value, java.time.Duration.class, c)).toNanos() / 1000);
        }
    }

    private static long integer(Object v, ColumnSpec c) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof BigInteger bi) {
            return bi.longValueExact();
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw mismatch(v, c);
    }

    private static Number number(Object v, ColumnSpec c) {
        if (v instanceof Number n) {
            return n;
        }
        throw mismatch(v, c);
    }

    private static BigDecimal decimal(Object v, ColumnSpec c) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
            return new BigDecimal(v.toString());
        }
        throw mismatch(v, c);
    }

    private static byte[] bytes(Object v, ColumnSpec c) {
        if (v instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof byte[] b) {
            return b;
        }
        throw mismatch(v, c);
    }

    private static Object typed(Object v, Class<?> type, ColumnSpec c) {
        if (type.isInstance(v)) {
            return v;
        }
        throw mismatch(v, c);
    }

    private static IllegalArgumentException mismatch(Object v, ColumnSpec c) {
        return new IllegalArgumentException("a " + v.getClass().getSimpleName() + " cannot go into " + c.kind() + " column " + c.name());
    }
}
