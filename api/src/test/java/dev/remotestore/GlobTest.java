package dev.remotestore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.remotestore.testing.RecordingBackend;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** File-name globs, on their own and as a listing filter. */
class GlobTest {

    @ParameterizedTest(name = "\"{0}\" matches \"{1}\": {2}")
    @CsvSource(delimiter = '|', value = {
        "*.csv       | a.csv         | true",
        "*.csv       | .csv          | true",
        "*.csv       | a.csv.bak     | false",
        "*.csv       | aXcsv         | false",
        "*.csv       | a.tsv         | false",
        "data-?.bin  | data-1.bin    | true",
        "data-?.bin  | data-10.bin   | false",
        "data-?.bin  | data-.bin     | false",
        "{a,b}.txt   | a.txt         | true",
        "{a,b}.txt   | b.txt         | true",
        "{a,b}.txt   | c.txt         | false",
        "{a,b}.txt   | ab.txt        | false",
        "[!x]*       | abc           | true",
        "[!x]*       | xyz           | false",
        "[!x]*       | ''            | false",
        "[abc].log   | b.log         | true",
        "[abc].log   | d.log         | false",
        "[a-c]1      | b1            | true",
        "\\*.txt     | *.txt         | true",
        "\\*.txt     | a.txt         | false",
        "a+b(1)$     | a+b(1)$       | true",
        "report      | report        | true",
        "report      | report2       | false",
    })
    void globMatchesWholeNames(String glob, String name, boolean matches) {
        assertEquals(matches, Glob.compile(glob).matcher(name).matches());
    }

    @Test
    void listingFiltersOnTheFileNameAndDepth() {
        RecordingBackend backend = RecordingBackend.withCapabilities(Capabilities.all());
        Store store = Store.of("g", backend, "root");
        for (String p : List.of("a.csv", "b.txt", "d1/c.csv", "d1/d2/e.csv", "d1/d2/d3/f.csv")) {
            store.write(p, new byte[] {1});
        }
        assertEquals(List.of("a.csv"), list(store, ListOptions.flat().withGlob("*.csv")));
        assertEquals(List.of("a.csv", "d1/c.csv", "d1/d2/d3/f.csv", "d1/d2/e.csv"),
                list(store, ListOptions.recursive().withGlob("*.csv")));
        assertEquals(List.of("a.csv", "b.txt", "d1/c.csv"), list(store, ListOptions.recursive().withMaxDepth(2)));
        assertEquals(List.of("d1/d2/e.csv"), list(store.child("d1"), ListOptions.flat().withMaxDepth(2).withGlob("e*"))
                .stream().map(p -> "d1/" + p).toList());
    }

    private static List<String> list(Store store, ListOptions options) {
        try (Stream<FileInfo> files = store.listFiles("", options)) {
            return files.map(FileInfo::path).sorted().toList();
        }
    }
}
