package io.omnigraph.bench.social;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic social graph shaped like the public graph-benchmark (Kuzu vs Neo4j, prrao87): persons
 * with name, gender, age and marital status; cities in states in countries; interests; {@code Follows} edges with a
 * skewed (Zipf-like) in-degree so a few persons have many followers; every person lives in one city (Zipf over cities)
 * and has 1–5 interests. Same seed and sizes → same graph, byte for byte, so the NDJSON can be fed to other databases.
 *
 * <p>Follows: person {@code i} follows {@code d_i} distinct others, {@code d_i} geometric around the mean out-degree
 * (capped), targets drawn from a Zipf(0.8) distribution over a shuffled popularity order. No self-follows and no
 * duplicate edges, so "paths" and the set semantics of {@code .gq} traversals count the same thing.
 */
public final class SocialGraph {
    /** The schema of the generated data. */
    public static final String SCHEMA = """
            // Synthetic social graph (graph-benchmark shape)
            node Person { pid: I64 @key  name: String  gender: enum(male, female)  age: I32 @index  isMarried: Bool }
            node City { cid: I32 @key  city: String @index  state: String  country: String }
            node State { sid: I32 @key  state: String  country: String }
            node Country { coid: I32 @key  country: String @index }
            node Interest { iid: I32 @key  interest: String @index }
            edge Follows: Person -> Person
            edge LivesIn: Person -> City
            edge HasInterest: Person -> Interest
            edge CityIn: City -> State
            edge StateIn: State -> Country
            """;

    static final String[] COUNTRIES = {"United States", "United Kingdom", "Canada", "Germany", "France", "India",
            "Australia", "Brazil", "Japan", "Mexico"};
    static final String[][] STATES = {
            {"California", "Texas", "New York", "Florida", "Illinois", "Washington", "Massachusetts", "Colorado"},
            {"England", "Scotland", "Wales", "Northern Ireland"},
            {"Ontario", "Quebec", "British Columbia", "Alberta"},
            {"Bavaria", "Berlin", "Hesse", "Saxony"},
            {"Ile-de-France", "Provence", "Brittany", "Normandy"},
            {"Maharashtra", "Karnataka", "Delhi", "Tamil Nadu"},
            {"New South Wales", "Victoria", "Queensland"},
            {"Sao Paulo", "Rio de Janeiro", "Bahia"},
            {"Tokyo", "Osaka", "Hokkaido"},
            {"Jalisco", "Nuevo Leon", "Yucatan"}};
    static final String[] NAMED_CITIES = {"London", "Manchester", "Edinburgh", "New York City", "Los Angeles", "Chicago",
            "Toronto", "Montreal", "Berlin", "Munich", "Paris", "Lyon", "Mumbai", "Bangalore", "Sydney", "Melbourne",
            "Sao Paulo", "Rio", "Tokyo", "Osaka", "Guadalajara", "Seattle", "Boston", "Denver", "Austin", "Miami"};
    static final String[] INTERESTS = {"fine dining", "tennis", "photography", "hiking", "cooking", "reading", "chess",
            "cycling", "running", "swimming", "gardening", "painting", "music", "dancing", "yoga", "travel", "movies",
            "video games", "board games", "fishing", "golf", "skiing", "surfing", "climbing", "sailing", "knitting",
            "baking", "poetry", "theatre", "astronomy", "birdwatching", "woodworking", "pottery", "football", "basketball",
            "baseball", "cricket", "rugby", "volleyball", "wine tasting", "coffee"};
    static final String[] FIRST = {"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
            "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
            "Aarav", "Yuki", "Lukas", "Chloe", "Mateo", "Priya", "Noah", "Emma", "Liam", "Olivia"};
    static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
            "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
            "Sato", "Muller", "Dubois", "Sharma", "Silva", "Kim", "Nguyen", "Rossi", "Novak", "Cohen"};

    /** Sizes and seed. */
    public record Params(int persons, int cities, double meanFollows, long seed) {
        /** 100,000 persons, 1,000 cities, ~2.4M follows. */
        public static Params standard() {
            return new Params(100_000, 1_000, 24.0, 20_240_611L);
        }

        public static Params tiny() {
            return new Params(2_000, 60, 12.0, 7L);
        }
    }

    /** The generated graph in primitive arrays (also what tests use as an independent oracle). */
    public record Data(Params params, String[] names, boolean[] male, int[] ages, boolean[] married, int[] livesIn,
                       int[] cityState, String[] cityNames, int[] stateCountry, String[] stateNames, int[][] interests,
                       int[] followSrc, int[] followDst) {
        public int follows() {
            return followSrc.length;
        }
    }

    private SocialGraph() {
    }

    /** Country names; the index is the country id. */
    public static String[] countries() {
        return COUNTRIES.clone();
    }

    /** Interest names; the index is the interest id. */
    public static String[] interests() {
        return INTERESTS.clone();
    }

    public static Data generate(Params p) {
        SplittableRandom r = new SplittableRandom(p.seed());
        // states and countries
        int states = Arrays.stream(STATES).mapToInt(s -> s.length).sum();
        String[] stateNames = new String[states];
        int[] stateCountry = new int[states];
        int k = 0;
        for (int c = 0; c < STATES.length; c++) {
            for (String s : STATES[c]) {
                stateNames[k] = s;
                stateCountry[k++] = c;
            }
        }
        // cities: a few named ones in the right place, the rest numbered
        String[] cityNames = new String[p.cities()];
        int[] cityState = new int[p.cities()];
        for (int i = 0; i < p.cities(); i++) {
            if (i < NAMED_CITIES.length) {
                cityNames[i] = NAMED_CITIES[i];
                cityState[i] = namedCityState(NAMED_CITIES[i], stateNames);
            } else {
                cityState[i] = r.nextInt(states);
                cityNames[i] = "City " + i;
            }
        }
        int n = p.persons();
        String[] names = new String[n];
        boolean[] male = new boolean[n];
        int[] ages = new int[n];
        boolean[] married = new boolean[n];
        int[] livesIn = new int[n];
        int[][] interests = new int[n][];
        Zipf cityPick = new Zipf(p.cities(), 1.0);
        for (int i = 0; i < n; i++) {
            names[i] = FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
            male[i] = r.nextBoolean();
            ages[i] = 18 + r.nextInt(63);
            married[i] = r.nextInt(100) < 45;
            livesIn[i] = cityPick.sample(r);
            int m = 1 + r.nextInt(5);
            int[] picks = new int[m];
            int got = 0;
            while (got < m) {
                int x = r.nextInt(INTERESTS.length);
                boolean dup = false;
                for (int j = 0; j < got; j++) {
                    dup |= picks[j] == x;
                }
                if (!dup) {
                    picks[got++] = x;
                }
            }
            interests[i] = picks;
        }
        // follows: geometric out-degree around the mean, Zipf(0.8) targets over a shuffled popularity order
        int[] popularity = new int[n];
        for (int i = 0; i < n; i++) {
            popularity[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = popularity[i];
            popularity[i] = popularity[j];
            popularity[j] = t;
        }
        Zipf targetPick = new Zipf(n, 0.8);
        double q = 1.0 / p.meanFollows();
        int cap = Math.max(10, (int) (p.meanFollows() * 20));
        int[] src = new int[(int) (n * p.meanFollows() * 1.1) + 16];
        int[] dst = new int[src.length];
        int e = 0;
        int[] mine = new int[cap];
        for (int i = 0; i < n; i++) {
            int d = 1 + (int) Math.floor(Math.log(1 - r.nextDouble()) / Math.log(1 - q));
            d = Math.min(d, Math.min(cap, n - 1));
            int got = 0;
            int attempts = 0;
            while (got < d && attempts < d * 20) {
                attempts++;
                int t = popularity[targetPick.sample(r)];
                if (t == i) {
                    continue;
                }
                boolean dup = false;
                for (int j = 0; j < got && !dup; j++) {
                    dup = mine[j] == t;
                }
                if (!dup) {
                    mine[got++] = t;
                }
            }
            if (e + got > src.length) {
                src = Arrays.copyOf(src, src.length * 2);
                dst = Arrays.copyOf(dst, dst.length * 2);
            }
            for (int j = 0; j < got; j++) {
                src[e] = i;
                dst[e++] = mine[j];
            }
        }
        return new Data(p, names, male, ages, married, livesIn, cityState, cityNames, stateCountry, stateNames, interests,
                Arrays.copyOf(src, e), Arrays.copyOf(dst, e));
    }

    private static int namedCityState(String city, String[] states) {
        String state = switch (city) {
            case "London", "Manchester" -> "England";
            case "Edinburgh" -> "Scotland";
            case "New York City" -> "New York";
            case "Los Angeles" -> "California";
            case "Chicago" -> "Illinois";
            case "Toronto" -> "Ontario";
            case "Montreal" -> "Quebec";
            case "Berlin" -> "Berlin";
            case "Munich" -> "Bavaria";
            case "Paris" -> "Ile-de-France";
            case "Lyon" -> "Provence";
            case "Mumbai" -> "Maharashtra";
            case "Bangalore" -> "Karnataka";
            case "Sydney" -> "New South Wales";
            case "Melbourne" -> "Victoria";
            case "Sao Paulo" -> "Sao Paulo";
            case "Rio" -> "Rio de Janeiro";
            case "Tokyo" -> "Tokyo";
            case "Osaka" -> "Osaka";
            case "Guadalajara" -> "Jalisco";
            case "Seattle" -> "Washington";
            case "Boston" -> "Massachusetts";
            case "Denver" -> "Colorado";
            case "Austin" -> "Texas";
            case "Miami" -> "Florida";
            default -> throw new IllegalArgumentException(city);
        };
        for (int i = 0; i < states.length; i++) {
            if (states[i].equals(state)) {
                return i;
            }
        }
        throw new IllegalArgumentException(state);
    }

    /** Writes the graph as graph NDJSON (nodes first, then edges). Node ids are the rendered keys. */
    public static void writeNdjson(Data d, Path file) {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            writeNdjson(d, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeNdjson(Data d, Writer w) throws IOException {
        for (int c = 0; c < COUNTRIES.length; c++) {
            w.write("{\"type\":\"Country\",\"data\":{\"coid\":" + c + ",\"country\":\"" + COUNTRIES[c] + "\"}}\n");
        }
        for (int s = 0; s < d.stateNames().length; s++) {
            w.write("{\"type\":\"State\",\"data\":{\"sid\":" + s + ",\"state\":\"" + d.stateNames()[s] + "\",\"country\":\""
                    + COUNTRIES[d.stateCountry()[s]] + "\"}}\n");
        }
        for (int c = 0; c < d.cityNames().length; c++) {
            int s = d.cityState()[c];
            w.write("{\"type\":\"City\",\"data\":{\"cid\":" + c + ",\"city\":\"" + d.cityNames()[c] + "\",\"state\":\""
                    + d.stateNames()[s] + "\",\"country\":\"" + COUNTRIES[d.stateCountry()[s]] + "\"}}\n");
        }
        for (int i = 0; i < INTERESTS.length; i++) {
            w.write("{\"type\":\"Interest\",\"data\":{\"iid\":" + i + ",\"interest\":\"" + INTERESTS[i] + "\"}}\n");
        }
        for (int i = 0; i < d.names().length; i++) {
            w.write("{\"type\":\"Person\",\"data\":{\"pid\":" + i + ",\"name\":\"" + d.names()[i] + "\",\"gender\":\""
                    + (d.male()[i] ? "male" : "female") + "\",\"age\":" + d.ages()[i] + ",\"isMarried\":" + d.married()[i] + "}}\n");
        }
        for (int s = 0; s < d.stateNames().length; s++) {
            w.write("{\"edge\":\"StateIn\",\"from\":\"" + s + "\",\"to\":\"" + d.stateCountry()[s] + "\"}\n");
        }
        for (int c = 0; c < d.cityNames().length; c++) {
            w.write("{\"edge\":\"CityIn\",\"from\":\"" + c + "\",\"to\":\"" + d.cityState()[c] + "\"}\n");
        }
        for (int i = 0; i < d.names().length; i++) {
            w.write("{\"edge\":\"LivesIn\",\"from\":\"" + i + "\",\"to\":\"" + d.livesIn()[i] + "\"}\n");
            for (int x : d.interests()[i]) {
                w.write("{\"edge\":\"HasInterest\",\"from\":\"" + i + "\",\"to\":\"" + x + "\"}\n");
            }
        }
        StringBuilder sb = new StringBuilder(64);
        for (int e = 0; e < d.follows(); e++) {
            sb.setLength(0);
            sb.append("{\"edge\":\"Follows\",\"from\":\"").append(d.followSrc()[e]).append("\",\"to\":\"")
                    .append(d.followDst()[e]).append("\"}\n");
            w.append(sb);
        }
    }

    /** Inverse-CDF sampling of a Zipf(s) rank in {@code 0..n-1}. */
    static final class Zipf {
        private final double[] cdf;

        Zipf(int n, double s) {
            cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / Math.pow(i + 1, s);
                cdf[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cdf[i] /= sum;
            }
        }

        int sample(SplittableRandom r) {
            double u = r.nextDouble();
            int i = Arrays.binarySearch(cdf, u);
            return i >= 0 ? i : Math.min(cdf.length - 1, -i - 1);
        }
    }
}
