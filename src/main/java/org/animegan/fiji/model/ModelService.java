package org.animegan.fiji.model;

import java.nio.file.Path;

import org.animegan.fiji.api.AnimeGanException;
import org.scijava.service.SciJavaService;

/** Opens generators once per Context and closes them when the Context is disposed. */
public interface ModelService extends SciJavaService {

	/** The generator for a model file, opened on first use. */
	Generator generator(Path file, int threads) throws AnimeGanException;

	/** The cache behind this service, for the headless tool. */
	ModelCache cache();
}
