package io.omnigraph.engine.text;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one tokenizer of full-text search (languages.md §2.4): Lucene's {@link EnglishAnalyzer} — Unicode word
 * segmentation, English possessive removal, lower-casing, English stop words, Porter stemming. {@code search},
 * {@code match_text}, {@code fuzzy} and {@code bm25} tokenize both the field and the query with it, in the index and
 * in scans alike, so indexed and scanned results are identical. Thread-safe.
 */
public final class TextAnalysis {
    private static final Analyzer ANALYZER = new EnglishAnalyzer();

    private TextAnalysis() {
    }

    /** The tokens of {@code text} in order (duplicates kept); empty for null or blank text. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try (TokenStream ts = ANALYZER.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // StringReader never fails
        }
        return out;
    }

    /** The distinct tokens of {@code text}, in first-occurrence order. */
    public static List<String> distinctTokens(String text) {
        return tokens(text).stream().distinct().toList();
    }
}
