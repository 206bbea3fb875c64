package com.google.android.material.button

import android.content.Context
import android.widget.Button

/**
 * Stand-in for Material's MaterialButton, for AtfProbeTest only. Google's Accessibility Test
 * Framework 3.1 refers to this one Material class (an `instanceof` test while it builds its view
 * hierarchy); Material itself is an AAR on Google's Maven, which is not reachable here. The app
 * uses no Material component, so every such test is false; nothing ever creates this class.
 */
open class MaterialButton(context: Context) : Button(context)
