package org.animegan.fiji.model.catalog;

import static org.animegan.fiji.api.SettingsMessages.firstLine;

/**
 * What package model.catalog says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class CatalogMessages {

	private CatalogMessages() {}

	public static String catalogUnreadable(final String why) {
		return "The model catalog could not be read (" + firstLine(why) + ").";
	}
}
