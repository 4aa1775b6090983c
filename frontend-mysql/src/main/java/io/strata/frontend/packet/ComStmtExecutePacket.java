package io.strata.frontend.packet;

import io.strata.spi.session.MysqlType;

/**
 * COM_STMT_EXECUTE: statement id, cursor flags, iteration count (always 1), then for a statement
 * with parameters a NULL bitmap, the new-params-bound flag, the parameter types when that flag
 * is set, and the non-NULL values. When the client does not re-send types it means "the types
 * of the previous execution". Parameters whose value arrived by COM_STMT_SEND_LONG_DATA have no
 * value here.
 *
 * <p>Decoding needs the statement's parameter count, so it is two-step: {@link #peekStatementId}
 * then the decode constructor with what the server knows of the statement.
 *
 * @see <a href="https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_execute.html">COM_STMT_EXECUTE</a>
 */
public final class ComStmtExecutePacket {
    /** A parameter type: the type code plus the unsigned bit that travels in its second byte. */
    public record ParameterType(MysqlType type, boolean unsigned) {
    }

    private final int statementId;
    private final int flags;
    private final ParameterType[] types;
    private final boolean newParamsBound;
    private final Object[] values;

    /**
     * @param parameterCount the statement's number of parameters
     * @param previousTypes  the types bound by the previous execution, or null if none yet
     * @param longData       per parameter, the bytes sent by COM_STMT_SEND_LONG_DATA, or null
     */
    public ComStmtExecutePacket(MySqlPayload payload, int parameterCount, ParameterType[] previousTypes, byte[][] longData) {
        this.statementId = (int) payload.readInt4();
        this.flags = payload.readInt1();
        payload.readInt4(); // iteration count, always 1
        this.values = new Object[parameterCount];
        if (parameterCount == 0) {
            this.types = new ParameterType[0];
            this.newParamsBound = false;
            return;
        }
        byte[] nullBitmap = payload.readBytes((parameterCount + 7) / 8);
        this.newParamsBound = payload.readInt1() == 1;
        if (newParamsBound) {
            types = new ParameterType[parameterCount];
            for (int i = 0; i < parameterCount; i++) {
                int code = payload.readInt1();
                int flag = payload.readInt1();
                MysqlType type;
                try {
                    type = MysqlType.fromCode(code);
                } catch (IllegalArgumentException e) {
                    throw new MalformedPacketException("unknown parameter type 0x" + Integer.toHexString(code));
                }
                types[i] = new ParameterType(type, (flag & 0x80) != 0);
            }
        } else if (previousTypes != null && previousTypes.length == parameterCount) {
            types = previousTypes.clone();
        } else {
            throw new MalformedPacketException("parameters without types for statement " + statementId);
        }
        for (int i = 0; i < parameterCount; i++) {
            if (longData != null && i < longData.length && longData[i] != null) {
                values[i] = fromLongData(types[i].type(), longData[i]);
            } else if ((nullBitmap[i / 8] & (1 << (i % 8))) != 0) {
                values[i] = null;
            } else {
                values[i] = BinaryProtocolValues.read(payload, types[i].type(), types[i].unsigned());
            }
        }
    }

    private static Object fromLongData(MysqlType type, byte[] data) {
        return switch (type) {
            case VARCHAR, VAR_STRING, STRING, ENUM, SET, JSON, DECIMAL, NEWDECIMAL -> BinaryProtocolValues.text(data);
            default -> data.clone();
        };
    }

    /** The statement id, read without consuming the payload. */
    public static int peekStatementId(MySqlPayload payload) {
        if (payload.readableBytes() < 4) {
            throw new MalformedPacketException("COM_STMT_EXECUTE without statement id");
        }
        return payload.byteBuf().getIntLE(payload.byteBuf().readerIndex());
    }

    public int statementId() {
        return statementId;
    }

    public int flags() {
        return flags;
    }

    public boolean newParamsBound() {
        return newParamsBound;
    }

    public ParameterType[] types() {
        return types.clone();
    }

    public Object[] values() {
        return values.clone();
    }
}
