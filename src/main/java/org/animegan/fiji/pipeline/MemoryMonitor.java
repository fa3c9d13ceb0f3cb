package org.animegan.fiji.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Peak memory figures for the end-of-run summary: the JVM heap, and the whole process on Linux. */
public final class MemoryMonitor {

	private MemoryMonitor() {}

	/** Sum of the heap pools' peak usage since JVM start, in MB. */
	public static long peakHeapMb() {
		long sum = 0;
		for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
				sum += pool.getPeakUsage().getUsed();
			}
		}
		return sum >> 20;
	}

	/** Peak resident set size of this process (VmHWM) in MB, or -1 where /proc is not available. */
	public static long peakRssMb() {
		try {
			for (final String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					final String kb = line.substring(6).trim().split("\\s+")[0];
					return Long.parseLong(kb) >> 10;
				}
			}
		}
		catch (final IOException | RuntimeException e) {
			// Not Linux: the summary then shows the heap only.
		}
		return -1;
	}
}
