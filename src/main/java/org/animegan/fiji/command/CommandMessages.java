package org.animegan.fiji.command;


/**
 * What package command says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class CommandMessages {

	private CommandMessages() {}



	public static final String TITLE = "Photo to Anime";

	public static String licenceLine(final String name, final String licence, final boolean verified) {
		return name + ": " + licence + (verified ? "" : " Download address not confirmed by the upstream project.");
	}
}
