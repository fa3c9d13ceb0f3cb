package org.animegan.fiji.model;

import java.nio.file.Path;

import org.animegan.fiji.api.AnimeGanException;
import org.scijava.plugin.Plugin;
import org.scijava.service.AbstractService;
import org.scijava.service.Service;

/** Default {@link ModelService}: a {@link ModelCache} that lives as long as the Context. */
@Plugin(type = Service.class)
public class DefaultModelService extends AbstractService implements ModelService {

	private final ModelCache cache = new ModelCache();

	@Override
	public Generator generator(final Path file, final int threads) throws AnimeGanException {
		return cache.get(file, threads);
	}

	@Override
	public ModelCache cache() {
		return cache;
	}

	@Override
	public void dispose() {
		cache.close();
	}
}
