package io.frugal.methods.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Image datasets stored as files: JPEG or PNG images under one sub-folder per class, as Tiny-ImageNet
 * and ImageNet-1K are distributed. Classes are the sub-folder names sorted by {@link String#compareTo}
 * (code-point order, which is torchvision's ImageFolder order for the ASCII WordNet ids both use), so
 * label i means the same class on every machine; images within a class are sorted by file name.
 *
 * <p>Layouts: {@link Layout#CLASS_FOLDERS} ({@code ROOT/CLASS/IMAGE}: ImageNet-1K's train/, and its
 * val/ once sorted into class folders, as the usual preparation script does), and
 * {@link Layout#TINY_IMAGENET_TRAIN} ({@code ROOT/CLASS/images/IMAGE}, the box files beside
 * {@code images/} ignored). Tiny-ImageNet's val/ is one folder of images with
 * {@code val_annotations.txt} naming each image's class: {@link #scanTinyImageNetVal}.
 *
 * <p>Decoding ({@link #decode}, {@link #readAll}) turns every image into the configured size: resize so the shorter side
 * is {@code resizeShorter} (0 = keep the size), then the centred {@code crop}×{@code crop} square
 * (0 = no crop); without a resize, images of different sizes are an error, since they cannot share a
 * batch. Gray and palette images become RGB (or luma when one channel is asked for); PNG transparency is
 * dropped. Every problem names the file: unreadable, not an image, an unsupported JPEG (CMYK), too small
 * for the crop.
 */
public final class ImageFolder {
    /** Where a class's images sit below its folder. */
    public enum Layout {
        CLASS_FOLDERS(""), TINY_IMAGENET_TRAIN("images");

        private final String subfolder;

        Layout(String subfolder) {
            this.subfolder = subfolder;
        }
    }

    /** How decoded images are brought to one size; channels 3 (RGB) or 1 (luma). */
    public record Sizing(int resizeShorter, int crop, int channels) {
        public Sizing {
            if (resizeShorter < 0 || crop < 0) throw new IllegalArgumentException("sizes must be >= 0");
            if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
            if (resizeShorter > 0 && crop > resizeShorter) {
                throw new IllegalArgumentException("crop " + crop + " is larger than the resized shorter side " + resizeShorter);
            }
        }

        /** Keep the stored size (all images must share it), RGB: Tiny-ImageNet's 64×64. */
        public static Sizing asStored() {
            return new Sizing(0, 0, 3);
        }
    }

    /** The images of one split: files in label order, their labels, and the class names labels index. */
    public record Index(Path root, List<String> classes, List<Path> files, int[] labels) {
        public int size() {
            return files.size();
        }
    }

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

    private ImageFolder() {}

    static boolean isImage(Path p) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) return false;
        String lower = name.toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(lower::endsWith) && Files.isRegularFile(p);
    }

    /** Scans {@code root}; its class folders define the classes. */
    public static Index scan(Path root, Layout layout) {
        return scan(root, layout, null);
    }

    /**
     * Scans {@code root} with the classes of another split (e.g. val with train's): the class folders
     * must be exactly those classes, so that a label means the same class in both splits.
     */
    public static Index scan(Path root, Layout layout, List<String> expectedClasses) {
        if (!Files.isDirectory(root)) throw new DatasetException(root, "missing (no such folder of class sub-folders)");
        List<String> classes;
        try (Stream<Path> s = Files.list(root)) {
            classes = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw DataFileReader.unreadable(root, e);
        }
        if (classes.isEmpty()) throw new DatasetException(root, "no class sub-folders (expected ROOT/CLASS/"
                + (layout.subfolder.isEmpty() ? "" : layout.subfolder + "/") + "IMAGE)");
        if (expectedClasses != null && !classes.equals(expectedClasses)) {
            throw new DatasetException(root, classMismatch(classes, expectedClasses));
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path dir = layout.subfolder.isEmpty() ? root.resolve(classes.get(c)) : root.resolve(classes.get(c)).resolve(layout.subfolder);
            if (!Files.isDirectory(dir)) throw new DatasetException(dir, "missing (class '" + classes.get(c) + "' has no "
                    + layout.subfolder + "/ folder; is this the " + layout + " layout?)");
            List<Path> images;
            try (Stream<Path> s = Files.list(dir)) {
                images = s.filter(ImageFolder::isImage).sorted().toList();
            } catch (IOException e) {
                throw DataFileReader.unreadable(dir, e);
            }
            if (images.isEmpty()) throw new DatasetException(dir, "class folder '" + classes.get(c) + "' holds no .jpg, .jpeg or .png images");
            for (Path p : images) {
                files.add(p);
                labels.add(c);
            }
        }
        return new Index(root, classes, List.copyOf(files), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static String classMismatch(List<String> found, List<String> expected) {
        List<String> extra = found.stream().filter(c -> !expected.contains(c)).limit(3).toList();
        List<String> missing = expected.stream().filter(c -> !found.contains(c)).limit(3).toList();
        return "class folders differ from the " + expected.size() + " expected classes (" + found.size() + " found"
                + (extra.isEmpty() ? "" : "; unexpected: " + String.join(", ", extra))
                + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing)) + ")";
    }

    /**
     * Tiny-ImageNet's val/: {@code val/images/*.JPEG} and {@code val/val_annotations.txt}, lines of
     * tab-separated file name, class id and box; labels index {@code classes} (train's).
     */
    public static Index scanTinyImageNetVal(Path valDir, List<String> classes) {
        Path annotations = valDir.resolve("val_annotations.txt");
        Path images = valDir.resolve("images");
        List<String> lines;
        try {
            if (!Files.isRegularFile(annotations)) throw new DatasetException(annotations, "missing (no such file)");
            lines = Files.readAllLines(annotations);
        } catch (IOException e) {
            throw DataFileReader.unreadable(annotations, e);
        }
        Map<String, Integer> byName = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) byName.put(classes.get(c), c);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            if (f.length < 2) throw new DatasetException(annotations, "line " + (i + 1) + ": expected FILE<TAB>CLASS..., got '" + line + "'");
            if (!byName.containsKey(f[1])) throw new DatasetException(annotations, "line " + (i + 1) + ": class '" + f[1] + "' is not one of the "
                    + classes.size() + " training classes");
            rows.add(f);
        }
        if (rows.isEmpty()) throw new DatasetException(annotations, "no annotations");
        rows.sort((a, b) -> a[0].compareTo(b[0]));
        List<Path> files = new ArrayList<>();
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Path p = images.resolve(rows.get(i)[0]);
            if (!Files.isRegularFile(p)) throw new DatasetException(p, "missing (listed in " + annotations.getFileName() + ")");
            files.add(p);
            labels[i] = byName.get(rows.get(i)[1]);
        }
        return new Index(valDir, List.copyOf(classes), List.copyOf(files), labels);
    }

    /** One decoded image: C×H×W bytes. */
    public record Decoded(byte[] pixels, int channels, int height, int width) {}

    /** {height, width} after the resize step of {@code sizing} (the shorter side scaled, the ratio kept). */
    static int[] resizedSize(Sizing sizing, int h, int w) {
        if (sizing.resizeShorter() == 0) return new int[] {h, w};
        int s = sizing.resizeShorter();
        return h <= w ? new int[] {s, Math.max(1, (int) Math.round((double) w * s / h))}
                : new int[] {Math.max(1, (int) Math.round((double) h * s / w)), s};
    }

    /**
     * Decodes one image: resize (if asked), then the centred crop (if asked), as torchvision's
     * Resize + CenterCrop do; the crop's offset is round-half-even((side − crop)/2), as there.
     */
    public static Decoded decode(Path file, Sizing sizing) {
        BufferedImage img = read(file);
        int h = img.getHeight();
        int w = img.getWidth();
        int c = sizing.channels();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int[] size = resizedSize(sizing, h, w);
        int crop = sizing.crop();
        if (crop > 0 && (size[0] < crop || size[1] < crop)) {
            throw new DatasetException(file, "image is " + w + "x" + h + ", smaller than the " + crop + "x" + crop + " crop (set a resize size)");
        }
        byte[] full = new byte[c * h * w];
        for (int i = 0; i < h * w; i++) writePixel(argb[i], c, full, 0, h * w, i);
        if (size[0] != h || size[1] != w) {
            float[] planes = new float[full.length];
            for (int i = 0; i < full.length; i++) planes[i] = full[i] & 0xFF;
            full = new byte[c * size[0] * size[1]];
            ImageResampler.resize(planes, c, h, w, size[0], size[1], full, 0);
            h = size[0];
            w = size[1];
        }
        if (crop == 0 || (crop == h && crop == w)) return new Decoded(full, c, h, w);
        int top = (int) Math.rint((h - crop) / 2.0);
        int left = (int) Math.rint((w - crop) / 2.0);
        byte[] out = new byte[c * crop * crop];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < crop; y++) System.arraycopy(full, (ch * h + top + y) * w + left, out, (ch * crop + y) * crop, crop);
        }
        return new Decoded(out, c, crop, crop);
    }

    private static void writePixel(int argb, int channels, byte[] out, int offset, int planeSize, int at) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        if (channels == 3) {
            out[offset + at] = (byte) r;
            out[offset + planeSize + at] = (byte) g;
            out[offset + 2 * planeSize + at] = (byte) b;
        } else {
            out[offset + at] = (byte) Math.round(0.299f * r + 0.587f * g + 0.114f * b);
        }
    }

    private static BufferedImage read(Path file) {
        BufferedImage img;
        try (InputStream in = Files.newInputStream(file)) {
            img = ImageIO.read(in);
        } catch (javax.imageio.IIOException e) {
            String msg = String.valueOf(e.getMessage());
            String hint = msg.contains("Unsupported Image Type") ? " (a CMYK or YCCK JPEG, which javax.imageio cannot decode; "
                    + "convert it to RGB, e.g. `convert FILE -colorspace sRGB FILE`)" : "";
            throw new DatasetException(file, "cannot decode image: " + msg + hint, e);
        } catch (IOException e) {
            throw DataFileReader.unreadable(file, e);
        }
        if (img == null) throw new DatasetException(file, "not a JPEG or PNG image (no decoder recognises its content)");
        return img;
    }

    /**
     * Decodes every image of {@code index} into one {@link ImageSet}, in index order (in parallel;
     * each image has its own slot, so the result does not depend on the thread count). For datasets
     * that fit in memory (Tiny-ImageNet: 100 000 × 3 × 64 × 64 bytes = 1.2 GB); ImageNet-1K does not,
     * and is decoded batch by batch with {@link #decode}.
     */
    public static ImageSet readAll(Index index, Sizing sizing) {
        int n = index.size();
        Decoded first = decode(index.files().get(0), sizing);
        int c = sizing.channels();
        long imageBytes = first.pixels().length;
        if (imageBytes * n > Integer.MAX_VALUE - 16) {
            throw new DatasetException(index.root(), n + " images of " + c + "x" + first.height() + "x" + first.width() + " need "
                    + imageBytes * n / (1 << 20) + " MiB, more than one in-memory image set holds (2 GiB); decode batches instead");
        }
        byte[] pixels = new byte[(int) (imageBytes * n)];
        System.arraycopy(first.pixels(), 0, pixels, 0, (int) imageBytes);
        IntStream.range(1, n).parallel().forEach(i -> {
            Path f = index.files().get(i);
            Decoded d = decode(f, sizing);
            if (d.height() != first.height() || d.width() != first.width()) {
                throw new DatasetException(f, "image is " + d.width() + "x" + d.height() + ", but " + index.files().get(0)
                        + " is " + first.width() + "x" + first.height() + " (images must share one size unless resized and cropped)");
            }
            System.arraycopy(d.pixels(), 0, pixels, (int) (i * imageBytes), (int) imageBytes);
        });
        return new ImageSet(pixels, index.labels().clone(), n, c, first.height(), first.width());
    }
}
