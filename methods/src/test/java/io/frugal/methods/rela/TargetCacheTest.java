package io.frugal.methods.rela;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetCacheTest {
    @TempDir
    Path tmp;

    static float[] values(int n, int k, float base) {
        float[] y = new float[n * k];
        for (int i = 0; i < y.length; i++) y[i] = base + i;
        return y;
    }

    @Test
    void builtOnceThenReusedWithoutRecomputing() {
        TargetCache cache = new TargetCache(tmp.resolve("targets"));
        AtomicInteger builds = new AtomicInteger();
        TargetCache.Result first = cache.get("k1", 5, 3, () -> { builds.incrementAndGet(); return values(5, 3, 1); });
        TargetCache.Result second = cache.get("k1", 5, 3, () -> { builds.incrementAndGet(); return values(5, 3, 99); });
        assertThat(first.built()).isTrue();
        assertThat(second.built()).isFalse();
        assertThat(builds).hasValue(1);
        assertThat(second.targets()).containsExactly(values(5, 3, 1));
    }

    @Test
    void anotherKeyIsAnotherEntry() {
        // the key holds the prior's content hash: a changed prior is a new key and is built anew
        TargetCache cache = new TargetCache(tmp);
        cache.get("prior-a", 4, 2, () -> values(4, 2, 0));
        TargetCache.Result b = cache.get("prior-b", 4, 2, () -> values(4, 2, 7));
        assertThat(b.built()).isTrue();
        assertThat(b.targets()).containsExactly(values(4, 2, 7));
    }

    @Test
    void aDamagedFileIsSetAsideNotUsedAndRebuilt() throws Exception {
        TargetCache cache = new TargetCache(tmp);
        cache.get("k", 6, 2, () -> values(6, 2, 0));
        Path file = cache.file("k");
        byte[] bytes = Files.readAllBytes(file);
        bytes[30] ^= 1;
        Files.write(file, bytes);
        TargetCache.Result r = cache.get("k", 6, 2, () -> values(6, 2, 5));
        assertThat(r.built()).isTrue();
        assertThat(r.targets()).containsExactly(values(6, 2, 5));
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("k.targets.damaged-"));
        }
        // truncated: the same
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 20));
        assertThat(cache.get("k", 6, 2, () -> values(6, 2, 5)).built()).isTrue();
    }

    @Test
    void twoConcurrentBuildersBuildOnceAndBothGetTheSameTargets() throws Exception {
        TargetCache a = new TargetCache(tmp.resolve("shared"));
        TargetCache b = new TargetCache(tmp.resolve("shared"));
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<TargetCache.Result>> results = new ArrayList<>();
            for (TargetCache c : List.of(a, b)) {
                results.add(pool.submit(() -> {
                    start.await();
                    return c.get("k", 200, 50, () -> {
                        builds.incrementAndGet();
                        try {
                            Thread.sleep(200); // a slow build: the other builder must wait, not build too
                        } catch (InterruptedException e) {
                            throw new RuntimeException(e);
                        }
                        return values(200, 50, 3);
                    });
                }));
            }
            start.countDown();
            for (Future<TargetCache.Result> f : results) assertThat(f.get().targets()).containsExactly(values(200, 50, 3));
        } finally {
            pool.shutdown();
        }
        assertThat(builds).hasValue(1);
    }

    @Test
    void twoProcessesRacingLeaveOneIntactFile() throws Exception {
        // a second JVM holding the OS lock: this builder must wait until it released the lock and then read its file
        Path dir = tmp.resolve("proc");
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Process other = new ProcessBuilder(java, "-cp", cp, TargetCacheTest.Builder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String line = new String(other.getInputStream().readNBytes(6));
        assertThat(line).isEqualTo("locked");
        AtomicInteger builds = new AtomicInteger();
        TargetCache.Result r = new TargetCache(dir).get("k", 10, 4, () -> { builds.incrementAndGet(); return values(10, 4, 0); });
        assertThat(other.waitFor()).isZero();
        assertThat(builds).hasValue(0);
        assertThat(r.targets()).containsExactly(values(10, 4, 1));
    }

    /** The other process: takes the lock, says so, builds slowly. */
    public static final class Builder {
        public static void main(String[] args) {
            new TargetCache(Path.of(args[0])).get("k", 10, 4, () -> {
                System.out.print("locked");
                System.out.flush();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
                return values(10, 4, 1);
            });
        }
    }
}
