package io.omnigraph.engine.search;

import io.omnigraph.engine.index.IndexCache;
import io.omnigraph.engine.table.StringColumn;
import io.omnigraph.engine.text.TextAnalysis;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inverted index of one String column of one table state: the sorted term dictionary of its tokens
 * ({@link TextAnalysis}), per term the postings (entry ordinals ascending, with term frequencies), and per entry the
 * token count (document length), the entity id and the content hash of the indexed text. Entry ordinals are the rows
 * of the table the index was built from. Immutable; thread-safe.
 */
final class TextIndex implements IndexCache.Sized {
    final String[] terms;
    final int[] offsets;   // postings of terms[t]: [offsets[t], offsets[t+1])
    final int[] postings;  // entry ordinals
    final int[] freqs;     // term frequency per posting
    final int[] lengths;   // tokens per entry
    final String[] ids;
    final long[] hashes;

    TextIndex(String[] terms, int[] offsets, int[] postings, int[] freqs, int[] lengths, String[] ids, long[] hashes) {
        this.terms = terms;
        this.offsets = offsets;
        this.postings = postings;
        this.freqs = freqs;
        this.lengths = lengths;
        this.ids = ids;
        this.hashes = hashes;
    }

    int size() {
        return lengths.length;
    }

    static TextIndex build(StringColumn text, StringColumn ids) {
        int n = text.size();
        Map<String, IntList[]> inv = new HashMap<>();
        int[] lengths = new int[n];
        String[] idArr = new String[n];
        long[] hashes = new long[n];
        long total = 0;
        for (int r = 0; r < n; r++) {
            idArr[r] = ids.getString(r);
            hashes[r] = RowHashes.text(text, r);
            if (text.isNull(r)) {
                continue;
            }
            List<String> tokens = TextAnalysis.tokens(text.getString(r));
            lengths[r] = tokens.size();
            Map<String, Integer> tf = new HashMap<>();
            for (String t : tokens) {
                tf.merge(t, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                IntList[] p = inv.computeIfAbsent(e.getKey(), k -> new IntList[]{new IntList(), new IntList()});
                p[0].add(r);
                p[1].add(e.getValue());
                total++;
            }
        }
        String[] terms = inv.keySet().toArray(new String[0]);
        Arrays.sort(terms);
        int[] offsets = new int[terms.length + 1];
        int[] postings = new int[(int) total];
        int[] freqs = new int[(int) total];
        int k = 0;
        for (int t = 0; t < terms.length; t++) {
            offsets[t] = k;
            IntList[] p = inv.get(terms[t]);
            System.arraycopy(p[0].a, 0, postings, k, p[0].n);
            System.arraycopy(p[1].a, 0, freqs, k, p[1].n);
            k += p[0].n;
        }
        offsets[terms.length] = k;
        return new TextIndex(terms, offsets, postings, freqs, lengths, idArr, hashes);
    }

    /** Index of an exact term, or -1. */
    int term(String token) {
        int i = Arrays.binarySearch(terms, token);
        return i < 0 ? -1 : i;
    }

    /** Indexes of the terms within {@code maxEdits} Levenshtein edits of {@code token}. */
    List<Integer> fuzzyTerms(String token, int maxEdits) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < terms.length; t++) {
            if (Levenshtein.within(token, terms[t], maxEdits)) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public long estimatedBytes() {
        long b = 64L + 4L * (postings.length + freqs.length + offsets.length + lengths.length) + 8L * hashes.length;
        for (String t : terms) {
            b += 48 + 2L * t.length();
        }
        for (String id : ids) {
            b += 48 + 2L * (id == null ? 0 : id.length());
        }
        return b;
    }

    // ---------------------------------------------------------------------------------------------- persistence

    void write(DataOutputStream out) throws IOException {
        int n = size();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeUTF(ids[i]);
            out.writeLong(hashes[i]);
            out.writeInt(lengths[i]);
        }
        out.writeInt(terms.length);
        for (int t = 0; t < terms.length; t++) {
            out.writeUTF(terms[t]);
            out.writeInt(offsets[t + 1] - offsets[t]);
            for (int p = offsets[t]; p < offsets[t + 1]; p++) {
                out.writeInt(postings[p]);
                out.writeInt(freqs[p]);
            }
        }
    }

    static TextIndex read(DataInputStream in) throws IOException {
        int n = in.readInt();
        String[] ids = new String[n];
        long[] hashes = new long[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = in.readUTF();
            hashes[i] = in.readLong();
            lengths[i] = in.readInt();
        }
        int nt = in.readInt();
        String[] terms = new String[nt];
        int[] offsets = new int[nt + 1];
        IntList post = new IntList();
        IntList fr = new IntList();
        for (int t = 0; t < nt; t++) {
            terms[t] = in.readUTF();
            offsets[t] = post.n;
            int c = in.readInt();
            for (int i = 0; i < c; i++) {
                int ord = in.readInt();
                if (ord < 0 || ord >= n) {
                    throw new IOException("posting ordinal " + ord + " out of range");
                }
                post.add(ord);
                fr.add(in.readInt());
            }
        }
        offsets[nt] = post.n;
        return new TextIndex(terms, offsets, Arrays.copyOf(post.a, post.n), Arrays.copyOf(fr.a, fr.n), lengths, ids, hashes);
    }

    /** A growable int array. */
    static final class IntList {
        int[] a = new int[4];
        int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        /** Makes room for {@code extra} more values at once. */
        void ensure(int extra) {
            if (n + extra > a.length) {
                a = Arrays.copyOf(a, Math.max(n + extra, a.length * 2));
            }
        }
    }
}
