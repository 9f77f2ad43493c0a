package dev.remotestore.iceberg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.remotestore.observability.Operation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.RangeReadable;
import org.apache.iceberg.io.SeekableInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Iceberg expects of a FileIO (its own FileIO test cases are not published as a test jar at
 * 1.12.0: these are their equivalent), run by one subclass per server: input and output file
 * semantics, create-only decided by the server, seekable and positioned reads that fetch only the
 * bytes asked, prefix listing and deletion, bulk deletes, and Java and Kryo serialisation.
 */
abstract class FileIOContract {
    protected TestStores stores;
    protected RemoteStoreFileIO io;

    protected abstract TestStores newStores() throws Exception;

    @BeforeEach
    void open() throws Exception {
        stores = newStores();
        io = stores.newFileIO();
    }

    @AfterEach
    void closeIo() {
        io.close();
    }

    protected static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    protected static void write(FileIO io, String location, byte[] data, boolean overwrite) throws IOException {
        try (PositionOutputStream out = overwrite ? io.newOutputFile(location).createOrOverwrite()
                : io.newOutputFile(location).create()) {
            out.write(data, 0, data.length / 2);
            assertEquals(data.length / 2, out.getPos());
            out.write(data, data.length / 2, data.length - data.length / 2);
            assertEquals(data.length, out.getPos());
        }
    }

    protected static byte[] read(FileIO io, String location) throws IOException {
        try (SeekableInputStream in = io.newInputFile(location).newStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void anOutputFileReadsBackWholeWithItsLength() throws IOException {
        byte[] data = random(300_000, 1);
        String location = stores.location("t/data/f1.bin");
        write(io, location, data, false);

        InputFile in = io.newInputFile(location);
        assertTrue(in.exists());
        assertEquals(data.length, in.getLength());
        assertEquals(location, in.location());
        assertArrayEquals(data, read(io, location));
        assertArrayEquals(data, read(io, io.newOutputFile(location).toInputFile().location()));
    }

    @Test
    void nothingIsVisibleUntilTheStreamIsClosed() throws IOException {
        String location = stores.location("t/metadata/pending.json");
        PositionOutputStream out = io.newOutputFile(location).create();
        out.write(random(1000, 2));
        out.flush();
        assertFalse(io.newInputFile(location).exists());
        out.close();
        assertTrue(io.newInputFile(location).exists());
        assertEquals(1000, io.newInputFile(location).getLength());
        out.close(); // idempotent
    }

    @Test
    void createRefusesAnExistingFileWithIcebergsAlreadyExistsAndKeepsIt() throws IOException {
        String location = stores.location("t/metadata/v1.metadata.json");
        byte[] first = random(100, 3);
        write(io, location, first, false);

        assertThrows(AlreadyExistsException.class, () -> io.newOutputFile(location).create());
        assertArrayEquals(first, read(io, location));
    }

    @Test
    void createIsDecidedByTheServerAtCloseWhenAnotherWriterCreatedTheFileMeanwhile() throws IOException {
        String location = stores.location("t/metadata/v2.metadata.json");
        PositionOutputStream late = io.newOutputFile(location).create(); // the file is absent now
        late.write(random(5000, 4));
        byte[] winner = random(700, 5);
        try (RemoteStoreFileIO other = stores.newFileIO()) {
            write(other, location, winner, false);
        }

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, late::close);
        assertInstanceOf(dev.remotestore.AlreadyExistsException.class, e.getCause());
        assertArrayEquals(winner, read(io, location)); // the winner's bytes, whole
    }

    @Test
    void createOrOverwriteReplacesTheFile() throws IOException {
        String location = stores.location("t/version-hint.text");
        write(io, location, random(2000, 6), true);
        byte[] second = random(10, 7);
        write(io, location, second, true);
        assertArrayEquals(second, read(io, location));
        assertEquals(second.length, io.newInputFile(location).getLength());
    }

    @Test
    void aMissingFileIsIcebergsNotFoundAndDoesNotExist() {
        InputFile missing = io.newInputFile(stores.location("t/metadata/missing.json"));
        assertFalse(missing.exists());
        NotFoundException length = assertThrows(NotFoundException.class, missing::getLength);
        assertInstanceOf(dev.remotestore.NotFoundException.class, length.getCause());
        assertThrows(NotFoundException.class, missing::newStream);
    }

    @Test
    void aKnownLengthIsNotAskedAgain() throws IOException {
        String location = stores.location("t/data/known.bin");
        write(io, location, random(100, 8), false);
        assertEquals(12345, io.newInputFile(location, 12345).getLength()); // Iceberg's word is taken
    }

    @Test
    void seeksAndPositionedReadsReturnTheBytesAtThosePositions() throws IOException {
        byte[] data = random(1 << 20, 9);
        String location = stores.location("t/data/seek.parquet");
        write(io, location, data, false);

        try (SeekableInputStream in = io.newInputFile(location).newStream()) {
            in.seek(data.length - 8);
            assertEquals(data.length - 8, in.getPos());
            byte[] tail = new byte[8];
            assertEquals(8, in.readNBytes(tail, 0, 8));
            assertArrayEquals(java.util.Arrays.copyOfRange(data, data.length - 8, data.length), tail);
            assertEquals(-1, in.read());

            in.seek(1000);
            assertEquals(data[1000] & 0xff, in.read());
            assertEquals(data[1001] & 0xff, in.read());
            in.seek(1500); // forward inside what a byte read brought in
            assertEquals(data[1500] & 0xff, in.read());
            assertEquals(100, in.skip(100));
            assertEquals(1601, in.getPos());
            byte[] chunk = new byte[70_000];
            assertEquals(chunk.length, in.readNBytes(chunk, 0, chunk.length));
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 1601, 1601 + chunk.length), chunk);

            RangeReadable ranges = (RangeReadable) in;
            long before = in.getPos();
            byte[] middle = new byte[4096];
            ranges.readFully(500_000, middle);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 500_000, 504_096), middle);
            byte[] footer = new byte[20];
            assertEquals(20, ranges.readTail(footer));
            assertArrayEquals(java.util.Arrays.copyOfRange(data, data.length - 20, data.length), footer);
            assertEquals(before, in.getPos()); // positioned reads leave the stream where it was
            assertEquals(data[(int) before] & 0xff, in.read());
            assertThrows(java.io.EOFException.class, () -> ranges.readFully(data.length - 4, new byte[8]));
        }
    }

    @Test
    void aFooterReadFetchesOnlyTheFooterBytes() throws IOException {
        byte[] data = random(4 << 20, 10);
        String location = stores.location("t/data/big.parquet");
        write(io, location, data, false);
        int before = RecordingListener.of(stores.storeName()).size();

        try (SeekableInputStream in = io.newInputFile(location, data.length).newStream()) {
            in.seek(data.length - 8); // Parquet: footer length and magic
            byte[] magic = new byte[8];
            assertEquals(8, in.readNBytes(magic, 0, 8));
            int footerLength = 3000;
            byte[] footer = new byte[footerLength];
            ((RangeReadable) in).readFully(data.length - 8 - footerLength, footer);
        }

        List<RecordingListener.Event> reads = RecordingListener.of(stores.storeName()).subList(before,
                RecordingListener.of(stores.storeName()).size()).stream()
                .filter(e -> e.operation().direction() == Operation.Direction.READ).toList();
        assertEquals(1, reads.size(), reads.toString());
        assertEquals(Operation.OPEN_CHANNEL, reads.get(0).operation()); // no whole-object read
        assertEquals(8 + 3000, reads.get(0).bytes()); // of 4 MiB
    }

    @Test
    void deleteFileRemovesAndAMissingFileIsNoError() throws IOException {
        String location = stores.location("t/data/gone.bin");
        write(io, location, random(10, 11), false);
        io.deleteFile(location);
        assertFalse(io.newInputFile(location).exists());
        io.deleteFile(location);
    }

    @Test
    void listPrefixListsEveryFileUnderTheFolderWithItsLocationAndSize() throws IOException {
        Map<String, Integer> written = new TreeMap<>();
        for (String p : List.of("t/metadata/v1.json", "t/data/a/1.avro", "t/data/a/2.avro", "t/data/b/3.avro")) {
            int size = 10 + written.size();
            write(io, stores.location(p), random(size, size), false);
            written.put(stores.location(p), size);
        }
        write(io, stores.location("tx/not-under-t.bin"), random(5, 12), false);

        Map<String, Integer> listed = new TreeMap<>();
        for (FileInfo f : io.listPrefix(stores.location("t"))) {
            listed.put(f.location(), (int) f.size());
            assertTrue(f.createdAtMillis() > 0);
        }
        assertEquals(written, listed);
        Map<String, Integer> slash = StreamSupport.stream(io.listPrefix(stores.location("t/data/")).spliterator(), false)
                .collect(Collectors.toMap(FileInfo::location, f -> (int) f.size(), (a, b) -> a, TreeMap::new));
        assertEquals(3, slash.size());
        assertTrue(slash.keySet().stream().allMatch(written::containsKey), slash.toString());
        assertFalse(io.listPrefix(stores.location("nothing-here")).iterator().hasNext());
    }

    @Test
    void deletePrefixDeletesTheFolderAndNothingBesideIt() throws IOException {
        for (String p : List.of("t/a.bin", "t/b/c.bin", "t/b/d/e.bin", "tx/keep.bin")) {
            write(io, stores.location(p), random(20, 13), false);
        }
        io.deletePrefix(stores.location("t"));
        assertFalse(io.listPrefix(stores.location("t")).iterator().hasNext());
        assertTrue(io.newInputFile(stores.location("tx/keep.bin")).exists());
    }

    @Test
    void deleteFilesDeletesEveryFileAndMissingOnesAreNoFailure() throws IOException {
        List<String> locations = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String location = stores.location("t/data/bulk-" + i + ".avro");
            write(io, location, random(30, i), false);
            locations.add(location);
        }
        locations.add(stores.location("t/data/never-written.avro"));
        write(io, stores.location("t/data/kept.avro"), random(30, 99), false);

        io.deleteFiles(locations);

        for (String location : locations) {
            assertFalse(io.newInputFile(location).exists(), location);
        }
        assertTrue(io.newInputFile(stores.location("t/data/kept.avro")).exists());
    }

    @Test
    void aJavaSerialisedCopyReachesTheSameStoresOnItsOwnClients() throws Exception {
        String location = stores.location("t/metadata/shipped.json");
        byte[] data = random(999, 14);
        write(io, location, data, false);

        RemoteStoreFileIO copy = javaRoundTrip(io);
        io.close(); // the driver's FileIO closing does not close an executor's copy
        try {
            assertArrayEquals(data, read(copy, location));
            assertEquals(stores.properties(), copy.properties());
            write(copy, stores.location("t/metadata/from-copy.json"), data, false);
            assertTrue(copy.newInputFile(stores.location("t/metadata/from-copy.json")).exists());
        } finally {
            copy.close();
        }
        assertThrows(IllegalStateException.class, () -> io.newInputFile(location));
    }

    @Test
    void aKryoSerialisedCopyReachesTheSameStores() throws Exception {
        String location = stores.location("t/metadata/kryo.json");
        byte[] data = random(321, 15);
        write(io, location, data, false);
        io.newInputFile(location).getLength(); // the original's stores are live: none of that travels

        Kryo kryo = new Kryo();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Output out = new Output(bytes)) {
            kryo.writeClassAndObject(out, io);
        }
        RemoteStoreFileIO copy;
        try (Input in = new Input(bytes.toByteArray())) {
            copy = (RemoteStoreFileIO) kryo.readClassAndObject(in);
        }
        try {
            assertArrayEquals(data, read(copy, location));
        } finally {
            copy.close();
        }
        assertArrayEquals(data, read(io, location)); // the original is untouched by its copy's close
    }

    static RemoteStoreFileIO javaRoundTrip(RemoteStoreFileIO io) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(io);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (RemoteStoreFileIO) in.readObject();
        }
    }

}
