package io.strata.optimizer.calcite;

import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.exec.StatementContext;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

import java.util.List;

/**
 * The one-row table that compileScalars' expressions are evaluated over: its columns are the
 * input names and types given by the caller, its single row is the input of each evaluation
 * (passed through the DataContext, never stored here).
 */
final class InputTable extends AbstractTable implements ScannableTable {
    static final String NAME = "__strata_input__";

    private final List<String> names;
    private final List<ColumnType> types;

    InputTable(List<String> names, List<ColumnType> types) {
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder b = typeFactory.builder();
        for (int i = 0; i < names.size(); i++) {
            b.add(names.get(i), InternalValues.relType(typeFactory, types.get(i), true));
        }
        return b.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
        Object[] input = (Object[]) root.get(StrataDataContext.INPUT_KEY);
        StatementContext ctx = (StatementContext) root.get(FunctionBridge.CONTEXT_KEY);
        Conversion conv = conversion;
        if (conv == null) {
            RelDataType rowType = getRowType(root.getTypeFactory());
            char[] tags = new char[names.size()];
            int[] scales = new int[names.size()];
            for (int i = 0; i < tags.length; i++) {
                RelDataType t = rowType.getFieldList().get(i).getType();
                tags[i] = InternalValues.tag(t);
                scales[i] = InternalValues.scaleOf(t);
            }
            conversion = conv = new Conversion(tags, scales);
        }
        Object[] row = new Object[names.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = InternalValues.toInternal(input == null || i >= input.length ? null : input[i], conv.tags[i],
                    conv.scales[i], ctx);
        }
        return Linq4j.singletonEnumerable(row);
    }

    /** How each input column converts to Calcite's representation; derived from the types once (a compiled program runs many times). */
    private record Conversion(char[] tags, int[] scales) {
    }

    private volatile Conversion conversion;
}
