package io.strata.sql.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.optimizer.catalog.ColumnDef;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.IndexDef;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.catalog.TypeKind;
import io.strata.optimizer.func.MysqlTemporals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;

/**
 * The JSON form of catalog objects as stored under meta keys. The stored form is a set of plain
 * records of its own (not the optimizer's catalog records), so the optimizer's model can evolve
 * without breaking what is on disk: fields are only ever added, unknown fields are ignored.
 * Default values are stored as text in a form fixed by the column kind (ISO dates, base64 for
 * binary kinds) and turned back into values of the column's Java type when read.
 */
final class MetaCodec {
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    record DatabaseJson(String name, String charset, String collation) {
    }

    record ColumnJson(int id, String name, String kind, int length, int precision, int scale, boolean unsigned,
                      List<String> elements, boolean nullable, boolean hasDefault, String defaultText,
                      String defaultExpr, String onUpdateExpr, boolean autoIncrement, String comment,
                      String collation) {
    }

    record IndexJson(long id, String name, List<Integer> columnIds, boolean unique, boolean primary) {
    }

    record TableJson(long id, String database, String name, List<ColumnJson> columns, List<IndexJson> indexes,
                     boolean pkIsHandle, int nextColumnId, long nextIndexId, String comment) {
    }

    byte[] encodeDatabase(DatabaseDef db) {
        return write(new DatabaseJson(db.name(), db.charset(), db.collation()));
    }

    DatabaseDef decodeDatabase(byte[] bytes) {
        DatabaseJson j = read(bytes, DatabaseJson.class);
        return new DatabaseDef(j.name(), j.charset(), j.collation());
    }

    byte[] encodeTable(TableDef t) {
        List<ColumnJson> cols = t.columns().stream().map(c -> new ColumnJson(c.id(), c.name(), c.type().kind().name(),
                c.type().length(), c.type().precision(), c.type().scale(), c.type().unsigned(), c.type().elements(),
                c.nullable(), c.hasDefault(), c.hasDefault() ? defaultToText(c.defaultValue()) : null,
                c.defaultExpr(), c.onUpdateExpr(), c.autoIncrement(), c.comment(), c.collation())).toList();
        List<IndexJson> idx = t.indexes().stream()
                .map(i -> new IndexJson(i.id(), i.name(), i.columnIds(), i.unique(), i.primary())).toList();
        return write(new TableJson(t.id(), t.database(), t.name(), cols, idx, t.pkIsHandle(), t.nextColumnId(),
                t.nextIndexId(), t.comment()));
    }

    TableDef decodeTable(byte[] bytes) {
        TableJson j = read(bytes, TableJson.class);
        List<ColumnDef> cols = j.columns().stream().map(c -> {
            ColumnType type = new ColumnType(TypeKind.valueOf(c.kind()), c.length(), c.precision(), c.scale(),
                    c.unsigned(), c.elements());
            Object dflt = c.hasDefault() ? defaultFromText(type.kind(), c.defaultText()) : null;
            return new ColumnDef(c.id(), c.name(), type, c.nullable(), c.hasDefault(), dflt, c.defaultExpr(),
                    c.onUpdateExpr(), c.autoIncrement(), c.comment(), c.collation());
        }).toList();
        List<IndexDef> idx = j.indexes().stream()
                .map(i -> new IndexDef(i.id(), i.name(), i.columnIds(), i.unique(), i.primary())).toList();
        return new TableDef(j.id(), j.database(), j.name(), cols, idx, j.pkIsHandle(), j.nextColumnId(),
                j.nextIndexId(), j.comment());
    }

    static String defaultToText(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return ValueFormat.toText(v);
    }

    static Object defaultFromText(TypeKind kind, String text) {
        if (text == null) {
            return null;
        }
        if (kind.isInteger()) {
            // BIGINT UNSIGNED above 2^63-1 is a BigInteger, like every value of such a column
            java.math.BigInteger i = new java.math.BigInteger(text);
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        if (kind.isBinary()) {
            return Base64.getDecoder().decode(text);
        }
        return switch (kind) {
            case DECIMAL -> new BigDecimal(text);
            case FLOAT, DOUBLE -> Double.parseDouble(text);
            case DATE -> LocalDate.parse(text);
            case DATETIME, TIMESTAMP -> LocalDateTime.parse(text);
            case TIME -> MysqlTemporals.toTime(text, null);
            default -> text;
        };
    }

    private byte[] write(Object o) {
        try {
            return mapper.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + o, e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt catalog entry", e);
        }
    }
}
