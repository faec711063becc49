package io.frugal.methods.data;

import io.frugal.core.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Downloads a dataset's official files into a folder: each file to a temp name next to its
 * target, checked against the published MD5 where there is one, then renamed into place, so an
 * interrupted or failed download never leaves a file that looks complete. CIFAR-10's archive is
 * downloaded, checked, its .bin files extracted, and dropped. Files already there with the
 * published MD5 are not downloaded again. At the end the folder is decoded once as a check.
 */
public final class DatasetFetcher {
    /** The download itself failed (offline, HTTP error); not the user's input, so the CLI exits 1. */
    public static final class DownloadException extends RuntimeException {
        public DownloadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final PrintWriter progress;

    public DatasetFetcher(PrintWriter progress) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).followRedirects(HttpClient.Redirect.NORMAL).build(),
                progress);
    }

    public DatasetFetcher(HttpClient http, PrintWriter progress) {
        this.http = http;
        this.progress = progress;
    }

    /** Fetches {@code source}'s files from {@code baseUrl} (the catalog's when null) into {@code target}. */
    public LoadedDataset fetch(DatasetInfo info, DatasetSource source, String baseUrl, Path target) {
        DatasetSource.Download dl = source.download();
        String base = baseUrl == null ? dl.baseUrl() : baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        for (String file : dl.files()) {
            String md5 = dl.md5().get(file);
            URI uri = URI.create(base + file);
            if (dl.isArchive()) {
                fetchArchive(source, uri, md5, target);
            } else {
                Path dest = target.resolve(file);
                if (md5 != null && Files.isRegularFile(dest) && FileDigests.md5(dest).equals(md5)) {
                    progress.println("  have " + dest + " (md5 matches)");
                    continue;
                }
                AtomicFiles.write(dest, temp -> download(uri, temp, md5));
                progress.println("  got  " + dest);
            }
            progress.flush();
        }
        return DatasetLoader.load(info, source, target);
    }

    private void fetchArchive(DatasetSource source, URI uri, String md5, Path target) {
        Path archive = null;
        try {
            Files.createDirectories(target);
            archive = Files.createTempFile(target, ".download.", ".part");
            download(uri, archive, md5);
            progress.println("  got  " + uri + ", extracting " + source.download().archiveFolder() + "/");
            Set<String> wanted = new HashSet<>(source.allFiles());
            Set<String> extracted = new HashSet<>();
            String folder = source.download().archiveFolder() + "/";
            try (InputStream tar = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
                TarReader.read(tar, (name, size, content) -> {
                    String file = name.startsWith(folder) ? name.substring(folder.length()) : null;
                    if (file == null || !wanted.contains(file)) return;
                    AtomicFiles.write(target.resolve(file), temp -> Files.copy(content, temp,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING));
                    extracted.add(file);
                });
            }
            wanted.removeAll(extracted);
            if (!wanted.isEmpty()) throw new DatasetException(Path.of(uri.getPath()), "archive lacks " + wanted);
        } catch (IOException e) {
            throw new DatasetException(Path.of(uri.getPath()), "cannot extract the archive: " + e.getMessage(), e);
        } finally {
            if (archive != null) {
                try {
                    Files.deleteIfExists(archive);
                } catch (IOException ignored) {
                    // a leftover hidden .part file is never read
                }
            }
        }
    }

    /** Streams {@code uri} into {@code dest}, checking the MD5 when one is published. */
    private void download(URI uri, Path dest, String md5) throws IOException {
        HttpResponse<InputStream> response = send(uri);
        MessageDigest digest = FileDigests.newDigest("MD5");
        try (InputStream body = new DigestInputStream(response.body(), digest);
             OutputStream out = Files.newOutputStream(dest)) {
            if (response.statusCode() != 200) {
                throw new DownloadException("cannot download " + uri + ": HTTP " + response.statusCode(), null);
            }
            body.transferTo(out);
        }
        String got = FileDigests.hex(digest);
        if (md5 != null && !got.equals(md5)) {
            throw new DatasetException(Path.of(uri.getPath()), "downloaded from " + uri + " with md5 " + got
                    + ", but the published md5 is " + md5 + " (corrupt download or a different file; nothing kept)");
        }
    }

    private HttpResponse<InputStream> send(URI uri) {
        progress.println("  downloading " + uri);
        progress.flush();
        try {
            // The timeout covers waiting for the response headers only, so large downloads are not cut short.
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new DownloadException("cannot reach " + uri.getHost() + " to download " + uri + " (" + e.getMessage() + ")"
                    + " (offline? compute nodes often have no internet: fetch on a login node, or copy the files)", e);
        } catch (IOException e) {
            throw new DownloadException("cannot download " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("interrupted while downloading " + uri, e);
        }
    }
}
