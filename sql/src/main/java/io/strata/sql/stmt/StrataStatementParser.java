package io.strata.sql.stmt;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLLiteralExpr;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlLoadDataInFileStatement;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlExprParser;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlLexer;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlStatementParser;
import com.alibaba.druid.sql.parser.ParserException;
import com.alibaba.druid.sql.parser.Token;
import io.strata.optimizer.plan.SelectItemText;

import java.util.ArrayList;
import java.util.List;

/**
 * Druid's MySQL statement parser with two extensions: the source text of every select item, and
 * MySQL's whole LOAD DATA grammar.
 *
 * <p>Select items: see {@link SelectItemText}. Druid keeps no end positions in its AST, so the text is cut from the
 * statement around Druid's own select-item parse: it starts at the item's first token and ends
 * where the token after the item (the separating comma, FROM, a closing parenthesis, the end)
 * starts, minus the whitespace and comments in between. Only unaliased items get their text.
 *
 * <p>LOAD DATA: Druid's own rule takes CHARACTER SET only as a quoted name and not IGNORE n ROWS;
 * {@link #parseLoadDataInFile()} parses MySQL 8's grammar into Druid's AST node.
 *
 * <p>Everything else is exactly what {@code SQLUtils.parseStatements(sql, DbType.mysql)} does.
 */
final class StrataStatementParser extends MySqlStatementParser {
    private StrataStatementParser(PositionLexer lexer, String sql) {
        super(lexer);
        this.exprParser = new ItemExprParser(lexer, sql);
        lexer.nextToken();
    }

    static List<SQLStatement> parseStatements(String sql) {
        StrataStatementParser parser = new StrataStatementParser(new PositionLexer(sql), sql);
        List<SQLStatement> statements = new ArrayList<>();
        parser.parseStatementList(statements, -1, null);
        if (parser.getLexer().token() != Token.EOF) {
            throw new ParserException("syntax error. " + parser.getLexer().info());
        }
        return statements;
    }

    /**
     * {@code LOAD DATA [LOW_PRIORITY | CONCURRENT] [LOCAL] INFILE 'file' [REPLACE | IGNORE] INTO TABLE t
     * [CHARACTER SET cs] [{FIELDS | COLUMNS} [TERMINATED BY s] [[OPTIONALLY] ENCLOSED BY c] [ESCAPED BY c]]
     * [LINES [STARTING BY s] [TERMINATED BY s]] [IGNORE n {LINES | ROWS}] [(col_or_@var, ...)]
     * [SET col = expr, ...]}; the current token is DATA.
     */
    @Override
    protected MySqlLoadDataInFileStatement parseLoadDataInFile() {
        acceptIdentifier("DATA");
        MySqlLoadDataInFileStatement st = new MySqlLoadDataInFileStatement();
        if (word("LOW_PRIORITY")) {
            st.setLowPriority(true);
            lexer.nextToken();
        } else if (word("CONCURRENT")) {
            st.setConcurrent(true);
            lexer.nextToken();
        }
        if (word("LOCAL")) {
            st.setLocal(true);
            lexer.nextToken();
        }
        expectWord("INFILE");
        st.setFileName(literal());
        if (lexer.token() == Token.REPLACE) {
            st.setReplicate(true);
            lexer.nextToken();
        } else if (word("IGNORE")) {
            st.setIgnore(true);
            lexer.nextToken();
        }
        accept(Token.INTO);
        accept(Token.TABLE);
        st.setTableName(exprParser.name());
        if (word("CHARACTER") || word("CHARSET")) {
            boolean character = word("CHARACTER");
            lexer.nextToken();
            if (character) {
                accept(Token.SET);
            }
            st.setCharset(lexer.token() == Token.BINARY ? "binary" : lexer.stringVal());
            lexer.nextToken();
        }
        if (word("FIELDS") || word("COLUMNS")) {
            lexer.nextToken();
            while (true) {
                if (word("TERMINATED")) {
                    st.setColumnsTerminatedBy(by());
                } else if (word("OPTIONALLY")) {
                    lexer.nextToken();
                    if (!word("ENCLOSED")) {
                        throw new ParserException("syntax error, expect ENCLOSED, " + lexer.info());
                    }
                    st.setColumnsEnclosedOptionally(true);
                    st.setColumnsEnclosedBy(by());
                } else if (word("ENCLOSED")) {
                    st.setColumnsEnclosedBy(by());
                } else if (word("ESCAPED")) {
                    st.setColumnsEscaped(by());
                } else {
                    break;
                }
            }
        }
        if (word("LINES")) {
            lexer.nextToken();
            while (true) {
                if (word("STARTING")) {
                    st.setLinesStartingBy(by());
                } else if (word("TERMINATED")) {
                    st.setLinesTerminatedBy(by());
                } else {
                    break;
                }
            }
        }
        if (word("IGNORE")) {
            lexer.nextToken();
            st.setIgnoreLinesNumber(exprParser.primary());
            if (!word("LINES") && !word("ROWS")) {
                throw new ParserException("syntax error, expect LINES or ROWS, " + lexer.info());
            }
            lexer.nextToken();
        }
        if (lexer.token() == Token.LPAREN) {
            lexer.nextToken();
            List<SQLExpr> columns = new ArrayList<>();
            while (lexer.token() != Token.RPAREN) {
                columns.add(exprParser.primary());
                if (lexer.token() != Token.COMMA) {
                    break;
                }
                lexer.nextToken();
            }
            accept(Token.RPAREN);
            st.setColumns(columns);
        }
        if (lexer.token() == Token.SET) {
            lexer.nextToken();
            List<SQLExpr> assignments = new ArrayList<>();
            do {
                if (lexer.token() == Token.COMMA) {
                    lexer.nextToken();
                }
                assignments.add(exprParser.expr());
            } while (lexer.token() == Token.COMMA);
            st.setSetList(assignments);
        }
        return st;
    }

    /** The current token is the word (a keyword or a plain identifier), case-insensitive. */
    private boolean word(String w) {
        return lexer.identifierEquals(w) || (lexer.token() != Token.IDENTIFIER && w.equals(lexer.token().name()));
    }

    private void expectWord(String w) {
        if (!word(w)) {
            throw new ParserException("syntax error, expect " + w + ", " + lexer.info());
        }
        lexer.nextToken();
    }

    /** {@code <word> BY 'literal'}: skips the word and BY, returns the literal. */
    private SQLLiteralExpr by() {
        lexer.nextToken();
        accept(Token.BY);
        return literal();
    }

    private SQLLiteralExpr literal() {
        if (lexer.token() == Token.LITERAL_CHARS) {
            // read the string token itself: primary() would take "'x' (a, b)" for a call
            SQLLiteralExpr s = new com.alibaba.druid.sql.ast.expr.SQLCharExpr(lexer.stringVal());
            lexer.nextToken();
            return s;
        }
        SQLExpr e = exprParser.primary();
        if (!(e instanceof SQLLiteralExpr literal)) {
            throw new ParserException("syntax error, expect a string, " + lexer.info());
        }
        return literal;
    }

    /** The MySQL lexer, with the start offset of the current token visible. */
    private static final class PositionLexer extends MySqlLexer {
        /**
         * Druid's MySqlLexer builds its keyword table anew in every constructor (a copy of a few
         * hundred map entries, a tenth of a point query's server time); the table never changes,
         * so every lexer shares one. The lexer only reads it.
         */
        private static final com.alibaba.druid.sql.parser.Keywords KEYWORDS = new MySqlLexer("").getKeywords();

        PositionLexer(String sql) {
            super(sql);
        }

        @Override
        protected com.alibaba.druid.sql.parser.Keywords loadKeywords() {
            return KEYWORDS;
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
