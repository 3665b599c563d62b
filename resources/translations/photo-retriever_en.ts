<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AppShell</name>
    <message>
        <source>Your settings file was written by a newer version of this app. It was left as it is and default settings are used until you update: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings file could not be read. It was left as it is (nothing is written over it) and default settings are used: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarLine</name>
    <message>
        <source>Overall progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the download; Resume goes on where it was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the download; photos already saved stay in the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the download panel (downloads go on)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the photos of this download and the failed list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room: make the window taller or the photos smaller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fold the panel to its progress bar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaptureWords</name>
    <message>
        <source>Taken %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClipWords</name>
    <message>
        <source>Video clips are switched off for this event by the organiser; only photos are found by selfie.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the service for your video clips…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event&apos;s cameras may have filmed you too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your video clips are waiting for the service to start…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service is cutting your video clips…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not make your video clips.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Your video clips are not ready after %n minute(s).</source>
        <translation>
            <numerusform>Your video clips are not ready after %n minute.</numerusform>
            <numerusform>Your video clips are not ready after %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>No video clips of you were found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n video clip(s) of you:</source>
        <translation>
            <numerusform>%n video clip of you:</numerusform>
            <numerusform>%n video clips of you:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClipsDock</name>
    <message>
        <source>Video clips</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClipsPanel</name>
    <message>
        <source>Find my video clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the service to cut the clips of you from the event&apos;s videos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the service again whether your clips are ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every clip listed into the download folder as .mp4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Download %n clip(s)</source>
        <translation>
            <numerusform>Download %n clip</numerusform>
            <numerusform>Download %n clips</numerusform>
        </translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this clip in the system&apos;s video player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play clip %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message numerus="yes">
        <source>Connected. %n event(s) found.</source>
        <translation>
            <numerusform>Connected. %n event found.</numerusform>
            <numerusform>Connected. %n events found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ControllerWiring</name>
    <message>
        <source>The event could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event is not switched on for photo search yet; searches may find nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event does not offer search by selfie. Search by BIB number instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CopyIdButton</name>
    <message>
        <source>Cop&amp;y id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selfie search id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selfie search id; keep it to come back to these photos later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <source>&lt;b&gt;Demo event&lt;/b&gt; — generated photos, not a real race.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo event.&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try BIB %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIB %1 shows what a failure looks like.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIB %1 fails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to your event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings ▸ Connect to your event (Ctrl+,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo event: generated photos, not a real race. Use Connect to your event to reach your race&apos;s photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadController</name>
    <message>
        <source>A download is already running. Wait for it to finish, or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was downloaded: no folder was chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder can be changed once the running download has ended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadDock</name>
    <message>
        <source>Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadModel</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1% · %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trying again (attempt %1) · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadPanel</name>
    <message>
        <source>Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing downloaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No download running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos in this download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: %1 to %2. Resume to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download stopped before the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message>
        <source>1 photo could not be fetched in an earlier download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 photos could not be fetched in an earlier download.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadRequests</name>
    <message>
        <source>No photos are selected. Click photos or press Space to select them, or Ctrl+A for the whole page, then Ctrl+D.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos are selected. Search for your photos first, then select them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadRows</name>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation>
            <numerusform>about %n s left</numerusform>
            <numerusform>about %n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>about %n min left</numerusform>
            <numerusform>about %n min left</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service said: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownloadWords</name>
    <message numerus="yes">
        <source>%n selected photo(s)</source>
        <translation>
            <numerusform>%n selected photo</numerusform>
            <numerusform>%n selected photos</numerusform>
        </translation>
    </message>
    <message>
        <source>every photo of BIB %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every photo of your selfie search</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the %n photo(s) from %1 to %2</source>
        <translation>
            <numerusform>the %n photo from %1 to %2</numerusform>
            <numerusform>the %n photos from %1 to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>all %n photo(s) of the event</source>
        <translation>
            <numerusform>all %n photo of the event</numerusform>
            <numerusform>all %n photos of the event</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n video clip(s) of your selfie search</source>
        <translation>
            <numerusform>%n video clip of your selfie search</numerusform>
            <numerusform>%n video clips of your selfie search</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed photo(s) again</source>
        <translation>
            <numerusform>%n failed photo again</numerusform>
            <numerusform>%n failed photos again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n downloaded</source>
        <translation>
            <numerusform>%n downloaded</numerusform>
            <numerusform>%n downloaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already there</source>
        <translation>
            <numerusform>%n already there</numerusform>
            <numerusform>%n already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not fetched</source>
        <translation>
            <numerusform>%n not fetched</numerusform>
            <numerusform>%n not fetched</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: no photos to download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing downloaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Try a demo BIB:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search BIB %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventPicker</name>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading events…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events not loaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>Save your photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USB drive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} “{name}” — {free} free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} — {free} free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plug in a USB drive; it shows here by itself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FailedList</name>
    <message>
        <source>Video clip %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo id: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FailedPane</name>
    <message>
        <source>Failed photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry &amp;failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the failed list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget these failures, e.g. photos whose original does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video clips are fetched again with Download clips in the Video clips panel (clips already saved are skipped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retrying cannot help: the server has no original for these photos. Clear the list to forget them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask for fresh links for just the failed photos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FolderRow</name>
    <message>
        <source>Save &amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the downloaded photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a receipt of this download: file, size, SHA-256, status (CSV or JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos are saved in %1. Click to change the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where should the photos be saved?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the download report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Headings</name>
    <message>
        <source>your selfie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIB %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>photos from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all photos of the event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your selfie (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>selfie search %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos for BIB %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the number or try a selfie.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the number and search again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo event has BIBs like %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos between %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widen the window, or pick another hour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event has no photos yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos matched this selfie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try another photo with your face clearly visible, or search by BIB number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find your photos by time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the hour you passed, type the minute, then press Enter or Show my photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look through every photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Show every photo to start at the first one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse the event&apos;s photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event offers no BIB or selfie search: pick Time of day or All photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event offers no BIB or selfie search: pick All photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event offers no photo search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event does not offer search by BIB number. Search with a selfie instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event has no photo timeline, so it cannot be searched by time of day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event is not switched on for outside use, so its whole gallery is not shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event does not offer search by selfie. Search by BIB number instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick another event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then Down arrow moves to the photos, Space selects, Enter previews.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search with a selfie to find your photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a photo of your face, or drop one here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or search with a selfie: drop a photo of your face here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your BIB number to find your photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Race Photo Retriever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(demo)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>Delete last character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>123</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskGrid</name>
    <message>
        <source>Tap a photo to see it large; tap its tick to choose it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Race photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting…
Your photos will be back in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save my photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Save to USB (%n)</source>
        <translation>
            <numerusform>Save to USB (%n)</numerusform>
            <numerusform>Save to USB (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Save my photos (%n)</source>
        <translation>
            <numerusform>Save my photos (%n)</numerusform>
            <numerusform>Save my photos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send to my phone (%n)</source>
        <translation>
            <numerusform>Send to my phone (%n)</numerusform>
            <numerusform>Send to my phone (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Type your BIB number first, like 1488.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A BIB number has only letters, digits and hyphens, like 1488.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>That is too long for a BIB number: it has at most %n character(s), like 1488.</source>
        <translation>
            <numerusform>That is too long for a BIB number: it has at most %n character, like 1488.</numerusform>
            <numerusform>That is too long for a BIB number: it has at most %n characters, like 1488.</numerusform>
        </translation>
    </message>
    <message>
        <source>Paste your selfie search id first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A selfie search id looks like ddc661a7-8861-4793-9437-af42a82d12f8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That photo file does not exist any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That photo file cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That photo file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That photo is too large. Choose one under 10 MB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a JPEG or PNG photo of your face.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a photo id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select at least one photo first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a selfie photo or paste a selfie search id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a time window that is not empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a time of day like 10:42.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages are numbered from 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search by BIB number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search by selfie</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>find by time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>video clips</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event has %1 switched off by the organiser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by BIB number instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search with a selfie instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API key is set for this service. Open Settings ▸ Connect to your event (Ctrl+,) and enter the event&apos;s API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service refused the API key for this event. Check the key, the organisation and the event in Settings ▸ Connect to your event (Ctrl+,).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service is busy right now. Wait a minute and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service took too long to answer. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the photo service. Check the internet connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service had a problem on its side. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service did not accept this photo. Try another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service did not accept this search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused to use an insecure (non-https) address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service could not use this photo. Try another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service sent an answer this app does not understand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service reported a problem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Try again; if it keeps happening, restart the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No selfie search with this id exists for this event. Check the id, or search with your selfie photo again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event was not found. It may have been removed; pick another event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This photo is no longer available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The event or the search no longer exists. Pick the event and search again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t reach the photo service — retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service is busy — retrying in %1 s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service had a problem — retrying in %1 s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t reach the photo service. Your search for %1 starts as soon as it answers; check the internet connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t reach the photo service. Check the internet connection; the app reconnects by itself as soon as the service answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your photos appear here once the photo service answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download link expired and could not be renewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo was not found on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not make a download link for this photo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server was busy; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server had an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file arrived incomplete or damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo host stopped sending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service listed photos it sent no download link for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permission denied: the folder cannot be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The download folder is missing (removed or unplugged?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written to disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service refused the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another download is using this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before it finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not make the video clips.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The video clips were not ready in time; check again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another download is using this folder — waiting for it to finish.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NearbyPresenter</name>
    <message>
        <source>You may be in this one · %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NearbySection</name>
    <message>
        <source>You may be in these too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys move, Space selects, Enter opens a large preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for photos taken around yours…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other photos were taken around yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos taken around yours could not be looked up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) taken around yours</source>
        <translation>
            <numerusform>%n photo taken around yours</numerusform>
            <numerusform>%n photos taken around yours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) taken within two minutes of yours that your search did not find. Your BIB may be hidden in some: select the ones you are in.</source>
        <translation>
            <numerusform>%n photo taken within two minutes of yours that your search did not find. Your BIB may be hidden in some: select the ones you are in.</numerusform>
            <numerusform>%n photos taken within two minutes of yours that your search did not find. Your BIB may be hidden in some: select the ones you are in.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the photos you may be in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the photos you may be in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NearbyStrip</name>
    <message>
        <source>Photos you may be in too</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pager</name>
    <message>
        <source>‹ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of %2 · %n photo(s)</source>
        <translation>
            <numerusform>Page %1 of %2 · %n photo</numerusform>
            <numerusform>Page %1 of %2 · %n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <source>Send to my phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code for your photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your phone must be on the Wi-Fi “{wifi}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your phone must be on the same Wi-Fi as this kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan this with your phone&apos;s camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The link works once, for %n minute(s).</source>
        <translation>
            <numerusform>The link works once, for %n minute.</numerusform>
            <numerusform>The link works once, for %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoDelegate</name>
    <message>
        <source>Not available</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoGrid</name>
    <message>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoModel</name>
    <message>
        <source>Photo %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Photo preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous photo (Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next photo (Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← → browse · Z zoom · F full screen · Space select · Esc close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit to the window (0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the photo to the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>100 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual size; drag to move (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the photo at 100 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen (F11 or F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select this photo for download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select this photo for download (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download this photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the original of this photo now (D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the large photo…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Previous photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to all photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Chosen — tap to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose this photo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPresenter</name>
    <message>
        <source>Photo %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another download is running; download this photo once it is done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <source>The report could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved as %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsHeader</name>
    <message>
        <source>Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnail size (Ctrl+Plus / Ctrl+Minus)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap a photo to see it large. Tap ✓ to choose it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose all on page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save to USB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to my phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunnerSession</name>
    <message numerus="yes">
        <source>{name}: %n photo(s)</source>
        <translation>
            <numerusform>{name}: %n photo</numerusform>
            <numerusform>{name}: %n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Photo {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No selfie yet: take one at the photo booth, then tap again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Starting over in %n s — tap to continue</source>
        <translation>
            <numerusform>Starting over in %n s — tap to continue</numerusform>
            <numerusform>Starting over in %n s — tap to continue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIB number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selfie search id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selfie photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search for photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose &amp;photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose selfie photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search input problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event offers no BIB or selfie search; find your photos by time of day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event offers no BIB or selfie search; look through all its photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event offers no photo search. Pick another event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selfie search is switched off for this event by the organiser; search by BIB number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by BIB number is switched off for this event by the organiser; search with a selfie.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this selfie search id (Copy id) to see these photos again later without uploading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a photo of your face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selfie search id copied. Paste it here later to see these photos again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your BIB number, like 1488</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selfie search id, like ddc661a7-8861-…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a photo of your face, or drop one on the window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>your selfie</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelectionBar</name>
    <message>
        <source>Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select pa&amp;ge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select every photo on this page (Ctrl+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select &amp;all results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select every photo of this search, on all pages (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unselect everything (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the originals of the selected photos (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do&amp;wnload all results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the download panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Do&amp;wnload all %n</source>
        <translation>
            <numerusform>Do&amp;wnload all %n</numerusform>
            <numerusform>Do&amp;wnload all %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n earlier failure(s)</source>
        <translation>
            <numerusform>%n earlier failure</numerusform>
            <numerusform>%n earlier failures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed photo(s)</source>
        <translation>
            <numerusform>%n failed photo</numerusform>
            <numerusform>%n failed photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Show downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the originals of every photo this search found (Ctrl+Shift+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n selected across %1 pages · about %2</source>
        <translation>
            <numerusform>%n selected across %1 pages · about %2</numerusform>
            <numerusform>%n selected across %1 pages · about %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected · about %1</source>
        <translation>
            <numerusform>%n selected · about %1</numerusform>
            <numerusform>%n selected · about %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Download %n selected</source>
        <translation>
            <numerusform>&amp;Download %n selected</numerusform>
            <numerusform>&amp;Download %n selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelfieThumb</name>
    <message>
        <source>Your selfie</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffDesk</name>
    <message>
        <source>No staff PIN is set. Run “photo-retriever set-kiosk-pin” first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No staff PIN is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. Try again in %n second(s).</source>
        <translation>
            <numerusform>Wrong PIN. Try again in %n second.</numerusform>
            <numerusform>Wrong PIN. Try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Staff only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Find your race photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your BIB number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIB number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search with my selfie</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimePicker</name>
    <message>
        <source>Hour of the event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;I passed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time you passed the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show e&amp;very photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every photo of the event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to ti&amp;me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;my photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the photos of this time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the photos taken around this time</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2–%3 · %n photo(s)</source>
        <translation>
            <numerusform>%1 · %2–%3 · %n photo</numerusform>
            <numerusform>%1 · %2–%3 · %n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Widen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widen the time window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widen to ± %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widen the time window to plus or minus %1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event has no photo timeline: page through the photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the hours of the event…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hours of the event could not be loaded; Retry asks again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photo of this event has a capture time yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times are on this computer&apos;s clock (%1): the service names no event time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo service counts photos per UTC hour and does not say which time zone the event is in, so times are shown in this computer&apos;s time zone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeSearch</name>
    <message>
        <source>every photo of the event</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaitingSearch</name>
    <message>
        <source>Opening the event… your search for %1 starts as soon as it is open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowFrame</name>
    <message>
        <source>&amp;Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys move, Space selects, Enter opens a large preview, Page Up and Page Down change the page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Page</name>
    <message>
        <source>Back to my photos</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
