package org.animegan.fiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.plugin.filter.AVI_Writer;
import ij.process.ColorProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.animegan.fiji.cli.AnimeGanCli;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partitions by estimated pixels, and the summary's CSV lines. */
class PlanTest {

	@TempDir
	Path dir;

	@Test
	void partitionsBalancePixelsNotCounts() throws Exception {
		final Plan plan = new Plan("file:/out");
		// One 8-Mpixel video and eight 1-Mpixel photos into two partitions: 8 and 8, not 5 and 4 files.
		plan.tasks.add(new SparkTask("file:/in/video.avi", false, "video-anime", 8_000_000, 1));
		for (int i = 0; i < 8; i++)
			plan.tasks.add(new SparkTask("file:/in/p" + i + ".png", false, "p" + i + "-anime",
				1_000_000, 1));
		final List<List<SparkTask>> groups = plan.partitions(2);
		assertEquals(2, groups.size());
		for (final List<SparkTask> g : groups)
			assertEquals(8_000_000, g.stream().mapToLong(t -> t.cost).sum());
		assertTrue(groups.stream().anyMatch(g -> g.size() == 1));
	}

	@Test
	void noMorePartitionsThanTasks() throws Exception {
		final Plan plan = new Plan("file:/out");
		plan.tasks.add(new SparkTask("file:/in/a.png", false, "a-anime", 5, 1));
		assertEquals(1, plan.partitions(16).size());
	}

	@Test
	void aStackCostingMoreThanAShareIsSplitIntoRangesOfPlanes() {
		final Plan plan = new Plan("file:/out");
		// 10 planes of 100 pixels and a photo of 200 over 4 slots: shares of 300, so 4 ranges.
		plan.tasks.add(new SparkTask("file:/in/s.tif", false, "s-anime", 1000, 10));
		plan.tasks.add(new SparkTask("file:/in/p.png", false, "p-anime", 200, 1));
		plan.splitFrames(4);
		assertEquals(5, plan.tasks.size());
		assertEquals(2, plan.inputs());
		final StringBuilder ranges = new StringBuilder();
		long cost = 0;
		for (final SparkTask t : plan.tasks)
			if (t.isRange()) {
				ranges.append(t.first).append('-').append(t.last).append(' ');
				cost += t.cost;
			}
		// Every plane once, in order, and the cost shared out.
		assertEquals("1-2 3-5 6-7 8-10 ", ranges.toString());
		assertEquals(1000, cost);
		assertEquals(".s-anime.frames-3-5.tif", plan.tasks.get(1).partName());
		assertTrue(!plan.tasks.get(4).isRange());
	}

	@Test
	void aStackOfOneShareOrOnePlaneStaysOneTask() {
		final Plan plan = new Plan("file:/out");
		plan.tasks.add(new SparkTask("file:/in/s.tif", false, "s-anime", 100, 4));
		plan.tasks.add(new SparkTask("file:/in/big.png", false, "big-anime", 10_000, 1));
		plan.splitFrames(4);
		assertEquals(2, plan.tasks.size());
		assertTrue(plan.tasks.stream().noneMatch(SparkTask::isRange));
	}

	/**
	 * A PNG-compressed AVI of flat frames has many pixels in few bytes, a photo of noise the other way
	 * round: planned by the pixels their headers declare, the video is the large task and is split
	 * into ranges of frames; planned by bytes it would not be.
	 */
	@Test
	void anAviIsCostedByItsPixelsNotItsBytes() throws Exception {
		System.setProperty("java.awt.headless", "true");
		final Path in = Files.createDirectory(dir.resolve("in"));
		final ImageStack frames = new ImageStack(256, 256);
		for (int i = 0; i < 6; i++) {
			final ColorProcessor flat = new ColorProcessor(256, 256);
			flat.setColor(0x102030 * (i + 1));
			flat.fill();
			frames.addSlice(flat);
		}
		new AVI_Writer().writeImage(new ImagePlus("flat", frames), in.resolve("flat.avi").toString(),
			AVI_Writer.PNG_COMPRESSION, 90);
		final ColorProcessor noise = new ColorProcessor(96, 96);
		final Random random = new Random(1);
		for (int i = 0; i < 96 * 96; i++)
			noise.set(i, random.nextInt());
		assertTrue(new FileSaver(new ImagePlus("noise", noise)).saveAsPng(in.resolve("noise.png")
			.toString()));
		final long aviBytes = Files.size(in.resolve("flat.avi"));
		final long pngBytes = Files.size(in.resolve("noise.png"));
		assertTrue(aviBytes < pngBytes, aviBytes + " bytes against " + pngBytes);

		final Plan plan = Plan.of(AnimeGanCli.Arguments.parse(new String[] { "--temporal-smoothing",
			"off", in.toString(), "-o", dir.resolve("out").toString() }), new Configuration(false));
		assertEquals(256L * 256 * 6, plan.tasks.get(0).cost);
		assertEquals(6, plan.tasks.get(0).planes);
		assertEquals(96L * 96, plan.tasks.get(1).cost);
		// Two slots: shares of (393216 + 9216) / 2 = 201216, so the video in 2 ranges, the photo whole.
		plan.splitFrames(2);
		assertEquals(3, plan.tasks.size(), plan.tasks.toString());
		assertEquals(2, plan.tasks.stream().filter(SparkTask::isRange).count());
		assertTrue(plan.tasks.stream().filter(SparkTask::isRange).allMatch(t -> t.input.endsWith(
			"/flat.avi")));
	}

	@Test
	void summaryLinesQuoteFileAndMessage() {
		assertEquals("\"file:/in/a,b.png\",failed,\"He said \"\"no\"\" twice\",1.500", new SummaryRow(
			"file:/in/a,b.png", SummaryRow.FAILED, "He said \"no\"\ntwice", 1.5, 1).csv());
	}
}
