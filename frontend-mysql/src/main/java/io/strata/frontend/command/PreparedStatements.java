package io.strata.frontend.command;

import io.strata.frontend.packet.ComStmtExecutePacket.ParameterType;
import io.strata.spi.session.PreparedInfo;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * What the protocol layer remembers about one connection's prepared statements, beyond what the
 * session knows: the parameter types bound by the last execution (a client may omit them on the
 * next one) and long data collected by COM_STMT_SEND_LONG_DATA for the next execution.
 */
final class PreparedStatements {
    static final class Statement {
        private final PreparedInfo info;
        private ParameterType[] boundTypes;
        private final ByteArrayOutputStream[] longData;

        Statement(PreparedInfo info) {
            this.info = info;
            this.longData = new ByteArrayOutputStream[info.parameters().size()];
        }

        PreparedInfo info() {
            return info;
        }

        int parameterCount() {
            return info.parameters().size();
        }

        ParameterType[] boundTypes() {
            return boundTypes;
        }

        void bind(ParameterType[] types) {
            this.boundTypes = types;
        }

        void appendLongData(int parameter, byte[] data) {
            if (parameter < 0 || parameter >= longData.length) {
                return;
            }
            if (longData[parameter] == null) {
                longData[parameter] = new ByteArrayOutputStream();
            }
            longData[parameter].writeBytes(data);
        }

        /** Long data per parameter (null where none was sent). */
        byte[][] longData() {
            byte[][] out = new byte[longData.length][];
            for (int i = 0; i < longData.length; i++) {
                out[i] = longData[i] == null ? null : longData[i].toByteArray();
            }
            return out;
        }

        void clearLongData() {
            java.util.Arrays.fill(longData, null);
        }
    }

    private final Map<Integer, Statement> statements = new HashMap<>();

    void add(PreparedInfo info) {
        statements.put(info.statementId(), new Statement(info));
    }

    Statement get(int statementId) {
        return statements.get(statementId);
    }

    void remove(int statementId) {
        statements.remove(statementId);
    }

    void clear() {
        statements.clear();
    }
}
