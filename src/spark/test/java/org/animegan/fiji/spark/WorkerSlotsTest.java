package org.animegan.fiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How many tasks an executor runs at once, and so how many runs its one session is built for. */
class WorkerSlotsTest {

	@Test
	void aLocalMasterHasTheCoresItNames() {
		assertEquals(1, Worker.localCores("local"));
		assertEquals(2, Worker.localCores("local[2]"));
		assertEquals(3, Worker.localCores("local[3,2]"));
		assertEquals(Runtime.getRuntime().availableProcessors(), Worker.localCores("local[*]"));
		// A cluster's executor without spark.executor.cores has its machine's cores.
		assertEquals(Runtime.getRuntime().availableProcessors(), Worker.localCores(
			"spark://head:7077"));
	}
}
