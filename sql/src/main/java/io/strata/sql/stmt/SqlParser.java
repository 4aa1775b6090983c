package io.strata.sql.stmt;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.parser.ParserException;
import io.strata.spi.ErrorCode;
import io.strata.spi.StrataException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses MySQL text with Druid's MySQL parser. A syntax error becomes MySQL's 1064 with its
 * message shape: the text from the offending token on, and the line number.
 */
public final class SqlParser {
    private static final Pattern POSITION = Pattern.compile("pos (\\d+), line (\\d+), column (\\d+)(?:, token (\\w+)(?: (.*))?)?");

    private SqlParser() {
    }

    public static List<SQLStatement> parse(String sql) {
        if (sql == null || sql.isBlank()) {
            throw ErrorCode.EMPTY_QUERY.error();
        }
        try {
            return StrataStatementParser.parseStatements(sql);
        } catch (ParserException e) {
            throw syntaxError(sql, e);
        } catch (RuntimeException e) {
            // Druid throws other unchecked exceptions for some malformed input
            throw new StrataException(ErrorCode.PARSE_ERROR, ErrorCode.PARSE_ERROR.format(near(sql, 0), 1), e);
        }
    }

    static StrataException syntaxError(String sql, ParserException e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = POSITION.matcher(msg);
        int start = sql.length();
        int line = 1;
        if (m.find()) {
            int pos = Math.min(Integer.parseInt(m.group(1)), sql.length());
            line = Integer.parseInt(m.group(2));
            String token = m.group(5);
            start = pos;
            if (token != null && !token.isEmpty() && pos >= token.length()
                    && sql.regionMatches(true, pos - token.length(), token, 0, token.length())) {
                start = pos - token.length();
            } else if ("EOF".equals(m.group(4))) {
                start = sql.length();
            }
        }
        return new StrataException(ErrorCode.PARSE_ERROR, ErrorCode.PARSE_ERROR.format(near(sql, start), line), e);
    }

    /** MySQL quotes at most 80 characters of the rest of the statement. */
    private static String near(String sql, int start) {
        String rest = sql.substring(Math.max(0, Math.min(start, sql.length())));
        return rest.length() > 80 ? rest.substring(0, 80) : rest;
    }
}
