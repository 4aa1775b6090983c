package io.strata.optimizer.plan;

import com.alibaba.druid.sql.ast.statement.SQLSelectItem;

/**
 * The source text of a select item as the client typed it, kept on the parsed item so an
 * unaliased expression's column label can be that text (MySQL labels {@code SELECT 1+1} as
 * {@code 1+1}, not as a re-rendering of the expression). The parser records it; items built or
 * cloned later have none, and their labels fall back to Druid's rendering.
 */
public final class SelectItemText {
    private static final String ATTRIBUTE = "strata.sourceText";

    private SelectItemText() {
    }

    /** Records the item's text: from its first token to the end of its last, as typed. */
    public static void set(SQLSelectItem item, String text) {
        item.putAttribute(ATTRIBUTE, text);
    }

    /** The recorded text, or null. */
    public static String get(SQLSelectItem item) {
        return item.getAttribute(ATTRIBUTE) instanceof String s ? s : null;
    }
}
