package io.omnigraph.compiler.syntax;

import io.omnigraph.compiler.diag.CompilerErrorCode;
import io.omnigraph.compiler.diag.Diagnostic;
import io.omnigraph.compiler.diag.SourceText;
import io.omnigraph.compiler.diag.Span;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Character-level scanner for hand-written PEG parsers (ordered choice with backtracking). It reproduces the
 * lexical conventions of spec §0: implicit whitespace and comments between tokens, keywords matched as literal
 * prefixes without a word-boundary check, atomic identifiers and literals.
 *
 * <p>Error reporting follows PEG practice: every failed expectation is recorded at its position and the error
 * reported is the one at the furthest position, listing everything that was expected there. Semantic errors found
 * while scanning (e.g. a bad escape) are kept by position and dropped when the parser backtracks over them.
 */
public final class PegScanner {
    private final SourceText source;
    private final String src;
    private int pos;
    private int failPos = -1;
    private final Set<String> expected = new LinkedHashSet<>();
    private final TreeMap<Integer, Diagnostic> semantic = new TreeMap<>();

    public PegScanner(SourceText source) {
        this.source = source;
        this.src = source.text();
    }

    public SourceText source() {
        return source;
    }

    public int pos() {
        return pos;
    }

    public int mark() {
        return pos;
    }

    /** Backtracks to a mark, forgetting semantic errors recorded at or after it. */
    public void reset(int mark) {
        pos = mark;
        semantic.tailMap(mark, true).clear();
    }

    public boolean atEnd() {
        skipTrivia();
        return pos >= src.length();
    }

    /** Skips whitespace (space, tab, CR, LF), {@code // line} and {@code /* block *&#47;} comments. */
    public void skipTrivia() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '/') {
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? src.length() : nl + 1;
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '*') {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    return; // unterminated: left for the grammar to reject at '/'
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    /** Position of the next token (after trivia). */
    public int tokenStart() {
        skipTrivia();
        return pos;
    }

    public Span spanFrom(int start) {
        return new Span(start, Math.max(start, pos));
    }

    // ------------------------------------------------------------------------------------------------ failures

    /** Records that {@code what} was expected at the current position (after trivia). */
    public void expected(String what) {
        skipTrivia();
        expectedAt(pos, what);
    }

    private void expectedAt(int at, String what) {
        if (at > failPos) {
            failPos = at;
            expected.clear();
        }
        if (at == failPos) {
            expected.add(what);
        }
    }

    /** Records a semantic error (reported only if the parse succeeds syntactically). */
    public void semanticError(CompilerErrorCode code, Span span, String detail, String hint) {
        semantic.putIfAbsent(span.start(), Diagnostic.error(code, detail, source, span, hint));
    }

    public List<Diagnostic> semanticErrors() {
        return new ArrayList<>(semantic.values());
    }

    /** The syntax error at the furthest failure position. */
    public Diagnostic syntaxError(Map<String, String> hints) {
        int at = Math.max(failPos, 0);
        String found = describeAt(at);
        String exp = joinExpected(new ArrayList<>(expected));
        String hint = null;
        for (Map.Entry<String, String> h : hints.entrySet()) {
            if (src.startsWith(h.getKey(), at)) {
                hint = h.getValue();
                break;
            }
        }
        if (hint == null && src.startsWith("/*", at) && src.indexOf("*/", at + 2) < 0) {
            hint = "close the block comment with */";
        }
        int end = Math.min(src.length(), at + Math.max(1, tokenLength(at)));
        return Diagnostic.error(CompilerErrorCode.SYNTAX,
                (exp.isEmpty() ? "unexpected " : "expected " + exp + ", found ") + found, source, new Span(at, end), hint);
    }

    private static String joinExpected(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private int tokenLength(int at) {
        if (at >= src.length()) {
            return 0;
        }
        int i = at;
        if (isIdentChar(src.charAt(i))) {
            while (i < src.length() && isIdentChar(src.charAt(i))) {
                i++;
            }
            return i - at;
        }
        return Character.charCount(src.codePointAt(at));
    }

    private String describeAt(int at) {
        if (at >= src.length()) {
            return "end of input";
        }
        String tok = src.substring(at, at + tokenLength(at));
        return "\"" + tok.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }

    // ------------------------------------------------------------------------------------------------ tokens

    /** Matches a literal (keyword or punctuation) as a prefix after trivia; records the expectation on failure. */
    public boolean lit(String s) {
        skipTrivia();
        if (src.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        expectedAt(pos, "\"" + s + "\"");
        return false;
    }

    /** Like {@link #lit} but does not consume or record anything. */
    public boolean peekLit(String s) {
        skipTrivia();
        return src.startsWith(s, pos);
    }

    /** The char after trivia, or -1 at the end. */
    public int peekChar() {
        skipTrivia();
        return pos < src.length() ? src.charAt(pos) : -1;
    }

    /** The char at current position + offset without skipping trivia, or -1. */
    public int rawCharAt(int offset) {
        int i = pos + offset;
        return i >= 0 && i < src.length() ? src.charAt(i) : -1;
    }

    public static boolean isIdentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {@code ident = [a-z_][A-Za-z0-9_]*} (atomic). */
    public Optional<String> ident(String label) {
        skipTrivia();
        if (pos < src.length()) {
            char c = src.charAt(pos);
            if ((c >= 'a' && c <= 'z') || c == '_') {
                int start = pos;
                pos++;
                while (pos < src.length() && isIdentChar(src.charAt(pos))) {
                    pos++;
                }
                return Optional.of(src.substring(start, pos));
            }
        }
        expectedAt(pos, label);
        return Optional.empty();
    }

    /** {@code TypeName = [A-Z][A-Za-z0-9_]*} (atomic). */
    public Optional<String> typeName(String label) {
        skipTrivia();
        if (pos < src.length()) {
            char c = src.charAt(pos);
            if (c >= 'A' && c <= 'Z') {
                int start = pos;
                pos++;
                while (pos < src.length() && isIdentChar(src.charAt(pos))) {
                    pos++;
                }
                return Optional.of(src.substring(start, pos));
            }
        }
        expectedAt(pos, label);
        return Optional.empty();
    }

    /** {@code [0-9]+} as text (atomic). */
    public Optional<String> digits(String label) {
        skipTrivia();
        int start = pos;
        while (pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            expectedAt(pos, label);
            return Optional.empty();
        }
        return Optional.of(src.substring(start, pos));
    }

    /** {@code integer = [0-9]+} as a long; an overflow is a semantic error (value 0 is returned). */
    public Optional<Long> integer(String label) {
        int start = tokenStart();
        Optional<String> d = digits(label);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(d.get()));
        } catch (NumberFormatException e) {
            semanticError(CompilerErrorCode.NUMBER_OUT_OF_RANGE, spanFrom(start),
                    "integer literal " + d.get() + " is out of range", "integers must fit in 64 bits");
            return Optional.of(0L);
        }
    }

    /** {@code float = [0-9]+ "." [0-9]+} (atomic) as its text; no match leaves the position unchanged. */
    public Optional<String> floatText(String label) {
        skipTrivia();
        int start = pos;
        int i = pos;
        while (i < src.length() && Character.isDigit(src.charAt(i)) && src.charAt(i) < 128) {
            i++;
        }
        if (i == start || i >= src.length() || src.charAt(i) != '.') {
            expectedAt(pos, label);
            return Optional.empty();
        }
        int frac = i + 1;
        int j = frac;
        while (j < src.length() && src.charAt(j) >= '0' && src.charAt(j) <= '9') {
            j++;
        }
        if (j == frac) {
            expectedAt(pos, label);
            return Optional.empty();
        }
        pos = j;
        return Optional.of(src.substring(start, j));
    }

    /**
     * {@code string = '"' … '"'} with escapes {@code \" \\ \n \r \t}; raw newlines allowed. Returns the unescaped
     * value. Any other escape is recorded as {@code unsupported escape sequence: \x}.
     */
    public Optional<String> string(String label) {
        skipTrivia();
        if (pos >= src.length() || src.charAt(pos) != '"') {
            expectedAt(pos, label);
            return Optional.empty();
        }
        int start = pos;
        int i = pos + 1;
        StringBuilder sb = new StringBuilder();
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return Optional.of(sb.toString());
            }
            if (c == '\\') {
                if (i + 1 >= src.length()) {
                    break;
                }
                char e = src.charAt(i + 1);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    default -> {
                        int cp = src.codePointAt(i + 1);
                        semanticError(CompilerErrorCode.UNSUPPORTED_ESCAPE, new Span(i, i + 1 + Character.charCount(cp)),
                                "unsupported escape sequence: \\" + new String(Character.toChars(cp)),
                                "allowed escapes are \\\" \\\\ \\n \\r \\t");
                        sb.appendCodePoint(cp);
                        i += Character.charCount(cp) - 1;
                    }
                }
                i += 2;
                continue;
            }
            sb.append(c);
            i++;
        }
        // unterminated: report at the opening quote
        expectedAt(start, "a closing '\"' for the string starting here");
        return Optional.empty();
    }

    /** The raw source between two offsets. */
    public String text(int start, int end) {
        return src.substring(start, end);
    }
}
