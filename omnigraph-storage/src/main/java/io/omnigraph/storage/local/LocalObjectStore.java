package io.omnigraph.storage.local;

import io.omnigraph.storage.Keys;
import io.omnigraph.storage.ObjectInfo;
import io.omnigraph.storage.ObjectStore;
import io.omnigraph.storage.StorageErrorCode;
import io.omnigraph.storage.StoreException;
import io.omnigraph.storage.StoredObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link ObjectStore} in a local folder: each object is a plain file under the root, at the relative path given by
 * its key ({@code refs/branches/main.json} → {@code <root>/refs/branches/main.json}).
 *
 * <h2>How writes are made atomic and durable</h2>
 * Every write first goes to a temp file in the hidden scratch directory {@code <root>/.omnigraph-tmp/}, which is
 * fsynced; then
 * <ul>
 *   <li>{@link #putIfAbsent}: {@code link(2)} of the temp file to the key's path. A hard link fails atomically when
 *       the name exists, across threads and processes, so exactly one creator wins.</li>
 *   <li>{@link #put}: atomic {@code rename(2)} over the key's path.</li>
 *   <li>{@link #putIfMatch}: under an exclusive lock on the key's directory (an in-JVM lock plus an OS lock,
 *       {@code fcntl}, on {@code <dir>/.omnigraph-lock}), read the current bytes, compare their hash with the
 *       expected version, and rename the temp file into place. {@link #put} and {@link #delete} take the same lock,
 *       so a compare-and-swap never undoes a write or delete that finished before it. The lock lives next to the
 *       object, so two stores rooted at nested directories of the same tree share it.</li>
 * </ul>
 * After the link or rename the directory is fsynced. Readers open files by name, so they see the old or the new
 * file, never a partial one.
 *
 * <h2>Versions</h2>
 * The version token is the first 128 bits of the SHA-256 of the bytes, in hex. It changes whenever the bytes change.
 * {@link #head} and {@link #list} hash the file unless this process already knows its hash (cached by inode, size and
 * modification time); {@link #putIfMatch} always hashes the current bytes under the lock.
 *
 * <h2>Requirements</h2>
 * The file system must support hard links and POSIX/OS file locks (ext4, xfs, btrfs, zfs, apfs, tmpfs, NTFS, most
 * NFSv4 setups). The first write probes for hard links and fails with {@link StorageErrorCode#UNSUPPORTED_FILESYSTEM}
 * when they are missing (FAT/exFAT, some FUSE or network mounts). Names starting with {@code .omnigraph-} are
 * the store's own (scratch directory, lock files) and never appear in {@link #list}.
 */
public final class LocalObjectStore implements ObjectStore {
    static final String SCRATCH_DIR = ".omnigraph-tmp";
    static final String LOCK_FILE = ".omnigraph-lock";
    private static final Duration STALE_TEMP = Duration.ofHours(24);
    private static final int VERSION_CACHE_LIMIT = 100_000;

    /** In-JVM half of the directory lock, keyed by the directory's real path, shared by all instances. */
    private static final ConcurrentHashMap<String, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private final Path scratch;
    private final boolean fsync;
    private final ConcurrentHashMap<CacheKey, String> versionCache = new ConcurrentHashMap<>();
    private volatile boolean probed;

    private record CacheKey(Object fileKey, long size, long mtimeNanos) {
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    /** A durable store rooted at {@code root} (created on the first write; reads of a missing root find nothing). */
    public LocalObjectStore(Path root) {
        this(root, true);
    }

    /**
     * A store rooted at {@code root}. With {@code fsync == false} files and directories are not fsynced: writes stay
     * atomic for readers but may be lost on power failure. For tests and benchmarks only.
     */
    public LocalObjectStore(Path root, boolean fsync) {
        Objects.requireNonNull(root, "root");
        this.root = root.toAbsolutePath().normalize();
        this.scratch = this.root.resolve(SCRATCH_DIR);
        this.fsync = fsync;
        if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
            throw new StoreException.Configuration(StorageErrorCode.INVALID_LOCATION, "",
                    "local store root " + this.root + " exists but is not a directory: point the store at a directory",
                    null);
        }
    }

    /** The absolute root directory. */
    public Path root() {
        return root;
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Override
    public Optional<StoredObject> get(String key) {
        Path path = resolve(key);
        Optional<byte[]> bytes = readIfExists(path, "get", key);
        return bytes.map(b -> new StoredObject(b, version(b)));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return info(resolve(key), key);
    }

    /** A stat, without hashing the file. */
    @Override
    public boolean exists(String key) {
        return attributes(resolve(key), key).map(BasicFileAttributes::isRegularFile).orElse(false);
    }

    @Override
    public List<ObjectInfo> list(String prefix) {
        String p = Keys.checkPrefix(prefix);
        int slash = p.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(p.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try {
            Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (dir.equals(start)) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (reserved(dir)) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            String d = keyOf(dir) + "/";
                            return d.startsWith(p) || p.startsWith(d) ? FileVisitResult.CONTINUE
                                    : FileVisitResult.SKIP_SUBTREE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && !reserved(file)) {
                                String key = keyOf(file);
                                if (key.startsWith(p) && validKey(key)) {
                                    keys.add(key);
                                }
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (e instanceof NoSuchFileException || e instanceof FileSystemLoopException) {
                                return FileVisitResult.CONTINUE;
                            }
                            throw e;
                        }
                    });
        } catch (IOException e) {
            throw failure("list", p, start, e);
        }
        keys.sort(Comparator.naturalOrder());
        List<ObjectInfo> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            info(root.resolve(key), key).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------------------------------------ writes

    @Override
    public String put(String key, byte[] bytes) {
        Path target = resolve(key);
        Objects.requireNonNull(bytes, "bytes");
        prepareForWrites();
        Path tmp = writeTemp(bytes, key);
        try {
            Path dir = makeParents(target, key);
            withDirLock(dir, key, () -> {
                rejectDirectory(target, key);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                fsyncDirectory(dir);
                return null;
            }, "put");
        } finally {
            deleteQuietly(tmp);
        }
        return version(bytes);
    }

    @Override
    public String putIfAbsent(String key, byte[] bytes) {
        Path target = resolve(key);
        Objects.requireNonNull(bytes, "bytes");
        prepareForWrites();
        Path tmp = writeTemp(bytes, key);
        try {
            Path dir = makeParents(target, key);
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                rejectDirectory(target, key);
                throw new StoreException.PreconditionFailed(key, "object already exists: " + key);
            } catch (IOException e) {
                throw failure("putIfAbsent", key, target, e);
            }
            fsyncDirectory(dir);
        } finally {
            deleteQuietly(tmp);
        }
        return version(bytes);
    }

    @Override
    public String putIfMatch(String key, byte[] bytes, String expectedVersion) {
        Path target = resolve(key);
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new StoreException.PreconditionFailed(key, "object " + key + " does not exist (expected version "
                    + expectedVersion + ")");
        }
        prepareForWrites();
        Path tmp = writeTemp(bytes, key);
        try {
            withDirLock(dir, key, () -> {
                Optional<byte[]> current = readIfExists(target, "putIfMatch", key);
                if (current.isEmpty()) {
                    throw new StoreException.PreconditionFailed(key, "object " + key
                            + " does not exist (expected version " + expectedVersion + ")");
                }
                String currentVersion = version(current.get());
                if (!currentVersion.equals(expectedVersion)) {
                    throw new StoreException.PreconditionFailed(key, "object " + key + " has version "
                            + currentVersion + ", not the expected " + expectedVersion);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                fsyncDirectory(dir);
                return null;
            }, "putIfMatch");
        } finally {
            deleteQuietly(tmp);
        }
        return version(bytes);
    }

    @Override
    public void delete(String key) {
        Path target = resolve(key);
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        withDirLock(dir, key, () -> {
            if (!Files.isDirectory(target) && Files.deleteIfExists(target)) {
                fsyncDirectory(dir);
            }
            return null;
        }, "delete");
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public String toString() {
        return "LocalObjectStore[" + root + "]";
    }

    // ------------------------------------------------------------------------------------------------ internals

    private Path resolve(String key) {
        return root.resolve(Keys.check(key));
    }

    private String keyOf(Path path) {
        Path rel = root.relativize(path);
        StringBuilder sb = new StringBuilder();
        for (Path name : rel) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(name);
        }
        return sb.toString();
    }

    private static boolean reserved(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(Keys.RESERVED_PREFIX);
    }

    private static boolean validKey(String key) {
        try {
            Keys.check(key);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    private Optional<byte[]> readIfExists(Path path, String op, String key) {
        try {
            return Optional.of(Files.readAllBytes(path));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.isRegularFile(path)) {
                return Optional.empty(); // a directory, or a path through a file: not an object
            }
            throw failure(op, key, path, e);
        }
    }

    private Optional<BasicFileAttributes> attributes(Path path, String key) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class));
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            if ("Not a directory".equals(e.getReason())) {
                return Optional.empty();
            }
            throw failure("head", key, path, e);
        } catch (IOException e) {
            throw failure("head", key, path, e);
        }
    }

    /** Size and version of the file at path; the version is cached by (inode, size, mtime). */
    private Optional<ObjectInfo> info(Path path, String key) {
        byte[] bytes = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<BasicFileAttributes> before = attributes(path, key);
            if (before.isEmpty() || !before.get().isRegularFile()) {
                return Optional.empty();
            }
            Optional<CacheKey> ck = cacheKey(before.get());
            if (ck.isPresent()) {
                String cached = versionCache.get(ck.get());
                if (cached != null) {
                    return Optional.of(new ObjectInfo(key, before.get().size(), cached));
                }
            }
            Optional<byte[]> read = readIfExists(path, "head", key);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            bytes = read.get();
            Optional<BasicFileAttributes> after = attributes(path, key);
            if (after.isPresent() && cacheKey(after.get()).equals(ck) && after.get().size() == bytes.length) {
                String v = version(bytes);
                ck.ifPresent(k -> remember(k, v));
                return Optional.of(new ObjectInfo(key, bytes.length, v));
            }
            // the file was replaced while we read it: try again
        }
        return Optional.of(new ObjectInfo(key, bytes.length, version(bytes)));
    }

    private static Optional<CacheKey> cacheKey(BasicFileAttributes a) {
        Object fileKey = a.fileKey();
        if (fileKey == null) {
            return Optional.empty();
        }
        Instant mtime = a.lastModifiedTime().toInstant();
        return Optional.of(new CacheKey(fileKey, a.size(), mtime.getEpochSecond() * 1_000_000_000L + mtime.getNano()));
    }

    private void remember(CacheKey k, String version) {
        if (versionCache.size() >= VERSION_CACHE_LIMIT) {
            versionCache.clear();
        }
        versionCache.put(k, version);
    }

    /** Version token: first 128 bits of SHA-256, hex. */
    static String version(byte[] bytes) {
        return Hashing.sha256Hex128(bytes);
    }

    private Path writeTemp(byte[] bytes, String key) {
        for (int attempt = 0; ; attempt++) {
            Path tmp = scratch.resolve(UUID.randomUUID() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                if (fsync) {
                    ch.force(true);
                }
            } catch (NoSuchFileException e) {
                if (attempt == 0) { // someone removed the scratch directory: make it again, once
                    makeScratch();
                    continue;
                }
                throw failure("write", key, tmp, e);
            } catch (IOException e) {
                deleteQuietly(tmp);
                throw failure("write", key, tmp, e);
            }
            try {
                BasicFileAttributes a = Files.readAttributes(tmp, BasicFileAttributes.class);
                cacheKey(a).ifPresent(k -> remember(k, version(bytes))); // link/rename keep inode, size and mtime
            } catch (IOException ignored) {
                // the cache is an optimisation only
            }
            return tmp;
        }
    }

    private Path makeParents(Path target, String key) {
        Path dir = target.getParent();
        try {
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            for (Path p = dir; p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
                if (Files.isRegularFile(p)) {
                    throw new StoreException.Permanent(key, "cannot store '" + key + "' in local store " + root
                            + ": '" + keyOf(p) + "' is an object, so it cannot also hold objects below it"
                            + " (a local store cannot have both 'a' and 'a/b')", e);
                }
            }
            throw failure("mkdir", key, dir, e);
        }
    }

    private void rejectDirectory(Path target, String key) {
        if (Files.isDirectory(target)) {
            throw new StoreException.Permanent(key, "cannot store '" + key + "' in local store " + root
                    + ": objects already exist below '" + key + "/' (a local store cannot have both 'a' and 'a/b')",
                    null);
        }
    }

    private <T> T withDirLock(Path dir, String key, IoAction<T> action, String op) {
        ReentrantLock jvmLock;
        try {
            jvmLock = JVM_LOCKS.computeIfAbsent(dir.toRealPath().toString(), k -> new ReentrantLock());
        } catch (NoSuchFileException e) {
            throw new StoreException.Transient(key, "local store: directory " + dir + " vanished during " + op
                    + " of '" + key + "'", e);
        } catch (IOException e) {
            throw failure(op, key, dir, e);
        }
        jvmLock.lock();
        try (FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
            return action.run();
        } catch (IOException e) {
            throw failure(op, key, dir, e);
        } finally {
            jvmLock.unlock();
        }
    }

    private void fsyncDirectory(Path dir) {
        if (!fsync) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems refuse fsync on directories; the rename itself is still atomic
        }
    }

    private void prepareForWrites() {
        if (probed) {
            return;
        }
        synchronized (this) {
            if (probed) {
                return;
            }
            makeScratch();
            probeHardLinks();
            sweepStaleTemps();
            withDirLock(root, "", () -> null, "lock probe");
            probed = true;
        }
    }

    private void makeScratch() {
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw failure("create scratch directory", "", scratch, e);
        }
    }

    private void probeHardLinks() {
        String id = UUID.randomUUID().toString();
        Path a = scratch.resolve("probe-" + id + ".tmp");
        Path b = scratch.resolve("probe-" + id + ".link.tmp");
        try {
            Files.write(a, new byte[] {1});
            Files.createLink(b, a);
        } catch (AccessDeniedException e) {
            throw failure("hard-link probe", "", scratch, e);
        } catch (UnsupportedOperationException | IOException e) {
            throw new StoreException.Configuration(StorageErrorCode.UNSUPPORTED_FILESYSTEM, "",
                    "the file system under " + root + " cannot make hard links (" + e.getMessage() + "); the local"
                            + " store needs them for atomic create-if-absent. Use a local disk (ext4, xfs, btrfs, apfs,"
                            + " NTFS) or an s3:// store", e);
        } finally {
            deleteQuietly(b);
            deleteQuietly(a);
        }
    }

    private void sweepStaleTemps() {
        Instant cutoff = Instant.now().minus(STALE_TEMP);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(scratch, "*.tmp")) {
            for (Path p : entries) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // another process may be sweeping too
                }
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is swept later
        }
    }

    private StoreException failure(String op, String key, Path path, IOException e) {
        String where = "local store " + root + ": " + op + (key.isEmpty() ? "" : " of '" + key + "'") + " at " + path;
        if (e instanceof AccessDeniedException) {
            return new StoreException.Configuration(key, where + " failed: permission denied; give this process"
                    + " read and write access to " + root, e);
        }
        if (e instanceof ClosedByInterruptException || e instanceof FileLockInterruptionException) {
            return new StoreException.Transient(key, where + " was interrupted", e);
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
                : String.valueOf(e.getMessage());
        if (reason.contains("Read-only file system")) {
            return new StoreException.Configuration(key, where + " failed: the file system is read-only", e);
        }
        if (reason.contains("No space left") || reason.contains("Disk quota exceeded")) {
            return new StoreException.Permanent(key, where + " failed: " + reason + "; free disk space", e);
        }
        if (reason.contains("Function not implemented") || reason.contains("Operation not supported")) {
            return new StoreException.Configuration(StorageErrorCode.UNSUPPORTED_FILESYSTEM, key, where
                    + " failed: " + reason + "; the local store needs hard links and file locks (use a local disk"
                    + " or an s3:// store)", e);
        }
        return new StoreException.Permanent(key, where + " failed: " + e, e);
    }
}
