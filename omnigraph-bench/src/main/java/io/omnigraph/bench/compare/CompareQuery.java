package io.omnigraph.bench.compare;

import io.omnigraph.bench.social.SocialBench;

import java.util.List;

/**
 * One of the nine graph-benchmark queries in the two languages: the {@code .gq} query of {@code social.gq} (with its
 * JSON parameters) and the equivalent Cypher, which Kuzu and Neo4j both accept as written (parameters inlined as
 * literals, so both see identical text).
 */
public record CompareQuery(String id, SocialBench.BenchQuery gq, String cypher) {

    /** Q1..Q9, in order; the Cypher follows the public graph-benchmark (prrao87/kuzudb-study), minus its lower() calls. */
    public static final List<CompareQuery> ALL = List.of(
            new CompareQuery("Q1", SocialBench.QUERIES.get(0), """
                    MATCH (f:Person)-[:Follows]->(p:Person)
                    RETURN p.id AS pid, p.name AS name, count(f.id) AS numFollowers
                    ORDER BY numFollowers DESC LIMIT 3"""),
            new CompareQuery("Q2", SocialBench.QUERIES.get(1), """
                    MATCH (f:Person)-[:Follows]->(p:Person)
                    WITH p, count(f.id) AS numFollowers
                    ORDER BY numFollowers DESC LIMIT 1
                    MATCH (p)-[:LivesIn]->(c:City)
                    RETURN p.id AS pid, p.name AS name, c.city AS city, c.state AS state, c.country AS country, numFollowers"""),
            new CompareQuery("Q3", SocialBench.QUERIES.get(2), """
                    MATCH (p:Person)-[:LivesIn]->(c:City)-[:CityIn]->(s:State)-[:StateIn]->(co:Country)
                    WHERE co.country = 'United States'
                    RETURN c.city AS city, avg(p.age) AS averageAge
                    ORDER BY averageAge ASC LIMIT 5"""),
            new CompareQuery("Q4", SocialBench.QUERIES.get(3), """
                    MATCH (p:Person)-[:LivesIn]->(c:City)-[:CityIn]->(s:State)-[:StateIn]->(co:Country)
                    WHERE p.age >= 30 AND p.age <= 40
                    RETURN co.country AS country, count(p) AS personCounts
                    ORDER BY personCounts DESC LIMIT 3"""),
            new CompareQuery("Q5", SocialBench.QUERIES.get(4), """
                    MATCH (p:Person)-[:HasInterest]->(i:Interest)
                    WHERE i.interest = 'fine dining' AND p.gender = 'male'
                    WITH p, i
                    MATCH (p)-[:LivesIn]->(c:City)
                    WHERE c.city = 'London' AND c.country = 'United Kingdom'
                    RETURN count(p) AS numPersons"""),
            new CompareQuery("Q6", SocialBench.QUERIES.get(5), """
                    MATCH (p:Person)-[:HasInterest]->(i:Interest)
                    WHERE i.interest = 'tennis' AND p.gender = 'female'
                    WITH p, i
                    MATCH (p)-[:LivesIn]->(c:City)
                    RETURN c.city AS city, c.country AS country, count(p) AS numPersons
                    ORDER BY numPersons DESC LIMIT 5"""),
            new CompareQuery("Q7", SocialBench.QUERIES.get(6), """
                    MATCH (p:Person)-[:LivesIn]->(:City)-[:CityIn]->(s:State)
                    WHERE p.age >= 23 AND p.age <= 30 AND s.country = 'United States'
                    WITH p, s
                    MATCH (p)-[:HasInterest]->(i:Interest)
                    WHERE i.interest = 'photography'
                    RETURN s.state AS state, s.country AS country, count(p) AS numPersons
                    ORDER BY numPersons DESC LIMIT 1"""),
            new CompareQuery("Q8", SocialBench.QUERIES.get(7), """
                    MATCH (a:Person)-[r1:Follows]->(b:Person)-[r2:Follows]->(c:Person)
                    RETURN count(*) AS numPaths"""),
            new CompareQuery("Q9", SocialBench.QUERIES.get(8), """
                    MATCH (a:Person)-[r1:Follows]->(b:Person)-[r2:Follows]->(c:Person)
                    WHERE b.age < 50 AND c.age > 25
                    RETURN count(*) AS numPaths"""));
}
