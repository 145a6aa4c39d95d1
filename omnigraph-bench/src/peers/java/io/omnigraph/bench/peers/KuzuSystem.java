package io.omnigraph.bench.peers;

import com.kuzudb.Connection;
import com.kuzudb.Database;
import com.kuzudb.FlatTuple;
import com.kuzudb.QueryResult;
import com.kuzudb.Version;
import io.omnigraph.bench.compare.CompareQuery;
import io.omnigraph.bench.compare.GraphSystem;
import io.omnigraph.bench.compare.Rows;
import io.omnigraph.bench.social.SocialGraph;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Kuzu embedded (JNI, on-disk database): the graph is written as CSV files (untimed) and bulk-loaded with
 * {@code COPY … FROM} — Kuzu's fastest load path, what the public graph-benchmark uses. Kuzu runs with its defaults
 * (buffer pool 80% of RAM, all cores for each query).
 */
public final class KuzuSystem implements GraphSystem {
    private Database db;
    private Connection conn;

    @Override
    public String name() {
        return "kuzu";
    }

    @Override
    public String version() {
        return "Kuzu " + Version.getVersion();
    }

    @Override
    public void prepare(SocialGraph.Data d, Path dir) throws IOException {
        Path csv = Files.createDirectories(dir.resolve("kuzu-csv"));
        String[] countries = SocialGraph.countries();
        try (BufferedWriter w = Files.newBufferedWriter(csv.resolve("country.csv"))) {
            for (int c = 0; c < countries.length; c++) {
                w.write(c + "," + countries[c] + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(csv.resolve("state.csv"))) {
            for (int s = 0; s < d.stateNames().length; s++) {
                w.write(s + "," + d.stateNames()[s] + "," + countries[d.stateCountry()[s]] + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(csv.resolve("city.csv"))) {
            for (int c = 0; c < d.cityNames().length; c++) {
                int s = d.cityState()[c];
                w.write(c + "," + d.cityNames()[c] + "," + d.stateNames()[s] + "," + countries[d.stateCountry()[s]] + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(csv.resolve("interest.csv"))) {
            String[] interests = SocialGraph.interests();
            for (int i = 0; i < interests.length; i++) {
                w.write(i + "," + interests[i] + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(csv.resolve("person.csv"))) {
            for (int i = 0; i < d.names().length; i++) {
                w.write(i + "," + d.names()[i] + "," + (d.male()[i] ? "male" : "female") + "," + d.ages()[i] + ","
                        + d.married()[i] + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(csv.resolve("statein.csv"))) {
            for (int s = 0; s < d.stateNames().length; s++) {
                w.write(s + "," + d.stateCountry()[s] + "\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(csv.resolve("cityin.csv"))) {
            for (int c = 0; c < d.cityNames().length; c++) {
                w.write(c + "," + d.cityState()[c] + "\n");
            }
        }
        try (BufferedWriter li = Files.newBufferedWriter(csv.resolve("livesin.csv"));
             BufferedWriter hi = Files.newBufferedWriter(csv.resolve("hasinterest.csv"))) {
            for (int i = 0; i < d.names().length; i++) {
                li.write(i + "," + d.livesIn()[i] + "\n");
                for (int x : d.interests()[i]) {
                    hi.write(i + "," + x + "\n");
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(csv.resolve("follows.csv"), java.nio.charset.StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder(32);
            for (int e = 0; e < d.follows(); e++) {
                sb.setLength(0);
                sb.append(d.followSrc()[e]).append(',').append(d.followDst()[e]).append('\n');
                w.append(sb);
            }
        }
    }

    @Override
    public void load(SocialGraph.Data d, Path dir) {
        db = new Database(dir.resolve("kuzu.db").toString());
        conn = new Connection(db);
        Path csv = dir.resolve("kuzu-csv");
        exec("CREATE NODE TABLE Person(id INT64, name STRING, gender STRING, age INT64, isMarried BOOLEAN, PRIMARY KEY (id))");
        exec("CREATE NODE TABLE City(id INT64, city STRING, state STRING, country STRING, PRIMARY KEY (id))");
        exec("CREATE NODE TABLE State(id INT64, state STRING, country STRING, PRIMARY KEY (id))");
        exec("CREATE NODE TABLE Country(id INT64, country STRING, PRIMARY KEY (id))");
        exec("CREATE NODE TABLE Interest(id INT64, interest STRING, PRIMARY KEY (id))");
        exec("CREATE REL TABLE Follows(FROM Person TO Person)");
        exec("CREATE REL TABLE LivesIn(FROM Person TO City)");
        exec("CREATE REL TABLE HasInterest(FROM Person TO Interest)");
        exec("CREATE REL TABLE CityIn(FROM City TO State)");
        exec("CREATE REL TABLE StateIn(FROM State TO Country)");
        for (String[] t : new String[][]{{"Country", "country"}, {"State", "state"}, {"City", "city"},
                {"Interest", "interest"}, {"Person", "person"}, {"StateIn", "statein"}, {"CityIn", "cityin"},
                {"LivesIn", "livesin"}, {"HasInterest", "hasinterest"}, {"Follows", "follows"}}) {
            exec("COPY " + t[0] + " FROM '" + csv.resolve(t[1] + ".csv") + "' (header=false)");
        }
        exec("CHECKPOINT");
    }

    private List<List<String>> exec(String cypher) {
        try (QueryResult r = conn.query(cypher)) {
            if (!r.isSuccess()) {
                throw new IllegalStateException("Kuzu: " + r.getErrorMessage() + " in: " + cypher);
            }
            List<List<String>> rows = new ArrayList<>();
            long cols = r.getNumColumns();
            while (r.hasNext()) {
                try (FlatTuple t = r.getNext()) {
                    List<String> row = new ArrayList<>();
                    for (long c = 0; c < cols; c++) {
                        try (var v = t.getValue(c)) {
                            row.add(Rows.cell(v.isNull() ? null : v.getValue()));
                        }
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @Override
    public List<List<String>> run(CompareQuery q) {
        return exec(q.cypher());
    }

    @Override
    public void close() {
        if (conn != null) {
            conn.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
