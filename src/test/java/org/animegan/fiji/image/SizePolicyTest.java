package org.animegan.fiji.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class SizePolicyTest {

	private static final int DYNAMIC = -1;

	@Test
	void nativeKeepsTheSizeAndPadsToTheStride() {
		final SizePolicy.Plan p = SizePolicy.plan(70, 45, 0, 32, DYNAMIC, DYNAMIC);
		assertEquals(70, p.scaledWidth);
		assertEquals(45, p.scaledHeight);
		assertEquals(96, p.paddedWidth);
		assertEquals(64, p.paddedHeight);
		final SizePolicy.Plan v3 = SizePolicy.plan(70, 45, 0, 8, DYNAMIC, DYNAMIC);
		assertEquals(72, v3.paddedWidth);
		assertEquals(48, v3.paddedHeight);
	}

	@Test
	void multiplesOfTheStrideAreNotPadded() {
		final SizePolicy.Plan p = SizePolicy.plan(128, 96, 0, 32, DYNAMIC, DYNAMIC);
		assertEquals(128, p.paddedWidth);
		assertEquals(96, p.paddedHeight);
	}

	@Test
	void theLongSideIsScaledToInputSizeKeepingTheAspectRatio() {
		final SizePolicy.Plan landscape = SizePolicy.plan(1000, 500, 512, 32, DYNAMIC, DYNAMIC);
		assertEquals(512, landscape.scaledWidth);
		assertEquals(256, landscape.scaledHeight);
		final SizePolicy.Plan portrait = SizePolicy.plan(37, 100, 512, 32, DYNAMIC, DYNAMIC);
		assertEquals(512, portrait.scaledHeight);
		assertEquals(Math.round(37 * 5.12), portrait.scaledWidth);
		assertEquals(192, portrait.paddedWidth, "189 padded up to the next multiple of 32");
		// Small images are enlarged to input_size too.
		final SizePolicy.Plan small = SizePolicy.plan(64, 48, 256, 32, DYNAMIC, DYNAMIC);
		assertEquals(256, small.scaledWidth);
		assertEquals(192, small.scaledHeight);
	}

	@Test
	void neverStretches() {
		for (final int[] size : new int[][] { { 70, 45 }, { 333, 1000 }, { 4000, 3000 }, { 9, 700 } }) {
			for (final int inputSize : new int[] { 256, 512, 1024 }) {
				final SizePolicy.Plan p = SizePolicy.plan(size[0], size[1], inputSize, 32, DYNAMIC,
					DYNAMIC);
				// Both sides are scaled by the same factor; each is only rounded to whole pixels.
				final double f = (double) inputSize / Math.max(size[0], size[1]);
				assertEquals(size[0] * f, p.scaledWidth, 0.5, p.toString());
				assertEquals(size[1] * f, p.scaledHeight, 0.5, p.toString());
				assertTrue(p.paddedWidth % 32 == 0 && p.paddedHeight % 32 == 0, p.toString());
				assertTrue(p.paddedWidth - p.scaledWidth < 32 && p.paddedHeight - p.scaledHeight < 32);
			}
		}
	}

	@Test
	void fixedSizeModelsFitTheImageInsideTheirCanvas() {
		final SizePolicy.Plan p = SizePolicy.plan(200, 100, 512, 32, 256, 256);
		assertEquals(256, p.paddedWidth);
		assertEquals(256, p.paddedHeight);
		assertEquals(256, p.scaledWidth);
		assertEquals(128, p.scaledHeight);
	}

	@Test
	void roundTripAtNativeSizeIsTheIdentity() {
		final RgbImage img = random(70, 45, 1);
		final SizePolicy.Plan p = SizePolicy.plan(70, 45, 0, 32, DYNAMIC, DYNAMIC);
		final RgbImage model = p.toModel(img);
		assertEquals(96, model.width());
		assertEquals(64, model.height());
		// The padding is a mirror image of the photo, not a stretched copy.
		assertEquals(img.get(0, 68, 10), model.get(0, 70, 10));
		assertEquals(img.get(2, 5, 43), model.get(2, 5, 45));
		final RgbImage back = p.fromModel(model);
		assertEquals(70, back.width());
		assertEquals(45, back.height());
		assertArrayEquals(img.data(), back.data());
	}

	@Test
	void scaledRoundTripComesBackAtTheInputSize() {
		final RgbImage img = random(70, 45, 2);
		final SizePolicy.Plan p = SizePolicy.plan(70, 45, 256, 32, DYNAMIC, DYNAMIC);
		final RgbImage back = p.fromModel(p.toModel(img));
		assertEquals(70, back.width());
		assertEquals(45, back.height());
	}

	static RgbImage random(final int w, final int h, final long seed) {
		final RgbImage img = new RgbImage(w, h);
		final Random r = new Random(seed);
		for (int i = 0; i < img.data().length; i++)
			img.data()[i] = r.nextInt(256);
		return img;
	}
}
