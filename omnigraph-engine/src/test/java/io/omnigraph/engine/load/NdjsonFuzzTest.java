package io.omnigraph.engine.load;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.omnigraph.compiler.schema.SchemaCompiler;
import io.omnigraph.engine.catalog.GraphSchema;
import io.omnigraph.engine.error.EngineException;

import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jazzer target for the strict NDJSON load parser: any bytes, any mode, against a schema with every scalar kind, a
 * vector, a list, an enum and keyless nodes. The only acceptable failures are typed ({@code invalid_input} naming the
 * line, or {@code resource_limit}) with a message; anything else — a NullPointerException, a Jackson exception
 * escaping, an ArrayIndexOutOfBounds — is a bug. Regression inputs live in
 * {@code src/test/resources/io/omnigraph/engine/load/NdjsonFuzzTestInputs/ndjsonLines/}; fuzz with {@code JAZZER_FUZZ=1}.
 */
class NdjsonFuzzTest {
    static final GraphSchema SCHEMA = GraphSchema.of(SchemaCompiler.compile("""
            node Person {
                name: String @key
                age: I32?
                big: I64?
                small: U32?
                score: F64?
                ratio: F32?
                active: Bool?
                born: Date?
                seen: DateTime?
                photo: Blob?
                tags: [String]?
                role: enum(admin, member, guest)?
                embedding: Vector(3)?
            }
            node Note {
                text: String
            }
            edge Knows: Person -> Person {
                since: Date?
            }
            edge About: Note -> Person
            """, "fuzz.pg"));
    static final LoadMode[] MODES = LoadMode.values();

    @FuzzTest(maxDuration = "60s")
    void ndjsonLines(FuzzedDataProvider data) {
        LoadMode mode = MODES[data.consumeInt(0, MODES.length - 1)];
        byte[] bytes = data.consumeRemainingAsBytes();
        AtomicLong ids = new AtomicLong();
        try {
            ParsedLoad parsed = NdjsonParser.parse(SCHEMA, new ByteArrayInputStream(bytes), mode,
                    LoadLimits.SERVER, LoadProgress.NONE, () -> String.format("01K0000000000000000000%04d", ids.incrementAndGet() % 10000));
            if (parsed == null) {
                throw new AssertionError("parse returned null");
            }
        } catch (EngineException.Invalid | EngineException.ResourceLimit e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("typed load error without a message", e);
            }
        }
    }
}
