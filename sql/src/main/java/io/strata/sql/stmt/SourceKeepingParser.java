package io.strata.sql.stmt;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlExprParser;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlLexer;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlStatementParser;
import com.alibaba.druid.sql.parser.ParserException;
import com.alibaba.druid.sql.parser.Token;
import io.strata.optimizer.plan.SelectItemText;

import java.util.ArrayList;
import java.util.List;

/**
 * Druid's MySQL statement parser, plus the source text of every select item (see
 * {@link SelectItemText}). Druid keeps no end positions in its AST, so the text is cut from the
 * statement around Druid's own select-item parse: it starts at the item's first token and ends
 * where the token after the item (the separating comma, FROM, a closing parenthesis, the end)
 * starts, minus the whitespace and comments in between. Only unaliased items get their text.
 * Everything else is exactly what {@code SQLUtils.parseStatements(sql, DbType.mysql)} does.
 */
final class SourceKeepingParser extends MySqlStatementParser {
    private SourceKeepingParser(PositionLexer lexer, String sql) {
        super(lexer);
        this.exprParser = new ItemExprParser(lexer, sql);
        lexer.nextToken();
    }

    static List<SQLStatement> parseStatements(String sql) {
        SourceKeepingParser parser = new SourceKeepingParser(new PositionLexer(sql), sql);
        List<SQLStatement> statements = new ArrayList<>();
        parser.parseStatementList(statements, -1, null);
        if (parser.getLexer().token() != Token.EOF) {
            throw new ParserException("syntax error. " + parser.getLexer().info());
        }
        return statements;
    }

    /** The MySQL lexer, with the start offset of the current token visible. */
    private static final class PositionLexer extends MySqlLexer {
        PositionLexer(String sql) {
            super(sql);
        }

        int tokenStart() {
            return startPos;
        }
    }

    private static final class ItemExprParser extends MySqlExprParser {
        private final PositionLexer positions;
        private final String sql;

        ItemExprParser(PositionLexer lexer, String sql) {
            super(lexer);
            this.positions = lexer;
            this.sql = sql;
        }

        @Override
        public SQLSelectItem parseSelectItem() {
            int start = positions.tokenStart();
            SQLSelectItem item = super.parseSelectItem();
            int end = Math.min(positions.tokenStart(), sql.length());
            if (item.getAlias() == null && start >= 0 && end > start) {
                SelectItemText.set(item, withoutTrailingComments(sql.substring(start, end)));
            }
            return item;
        }
    }

    /**
     * The text up to the end of its last token: trailing whitespace and comments go (the lexer
     * skips comments, so the text can end in one when a comment precedes the next token).
     */
    static String withoutTrailingComments(String text) {
        if (text.indexOf('#') < 0 && !text.contains("--") && !text.contains("/*")) {
            return text.strip();
        }
        PositionLexer lexer = new PositionLexer(text);
        int end = 0;
        for (lexer.nextToken(); lexer.token() != Token.EOF; lexer.nextToken()) {
            end = lexer.pos();
        }
        return text.substring(0, Math.min(end, text.length())).strip();
    }
}
