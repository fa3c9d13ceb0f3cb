package org.animegan.fiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Partitions by estimated pixels, and the summary's CSV lines. */
class PlanTest {

	@Test
	void partitionsBalancePixelsNotCounts() throws Exception {
		final Plan plan = new Plan("file:/out");
		// One 8-Mpixel video and eight 1-Mpixel photos into two partitions: 8 and 8, not 5 and 4 files.
		plan.tasks.add(new SparkTask("file:/in/video.avi", false, "video-anime", 8_000_000));
		for (int i = 0; i < 8; i++)
			plan.tasks.add(new SparkTask("file:/in/p" + i + ".png", false, "p" + i + "-anime",
				1_000_000));
		final List<List<SparkTask>> groups = plan.partitions(2);
		assertEquals(2, groups.size());
		for (final List<SparkTask> g : groups)
			assertEquals(8_000_000, g.stream().mapToLong(t -> t.cost).sum());
		assertTrue(groups.stream().anyMatch(g -> g.size() == 1));
	}

	@Test
	void noMorePartitionsThanTasks() throws Exception {
		final Plan plan = new Plan("file:/out");
		plan.tasks.add(new SparkTask("file:/in/a.png", false, "a-anime", 5));
		assertEquals(1, plan.partitions(16).size());
	}

	@Test
	void summaryLinesQuoteFileAndMessage() {
		assertEquals("\"file:/in/a,b.png\",failed,\"He said \"\"no\"\" twice\",1.500", new SummaryRow(
			"file:/in/a,b.png", SummaryRow.FAILED, "He said \"no\"\ntwice", 1.5, 1).csv());
	}
}
