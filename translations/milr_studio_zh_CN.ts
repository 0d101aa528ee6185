<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.ui" line="10"/>
        <source>MILR Studio</source>
        <translation>MILR Studio</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="44"/>
        <source>&amp;Prompt</source>
        <translation>提示词(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="55"/>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="56"/>
        <source>The prompts of earlier runs</source>
        <translation>之前运行用过的提示词</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="65"/>
        <source>e.g. a red circle to the left of two blue squares</source>
        <translation>例如：a red circle to the left of two blue squares</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="81"/>
        <location filename="../ui/mainwindow.ui" line="248"/>
        <location filename="../ui/mainwindow.ui" line="288"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="82"/>
        <source>Run MILR on the prompt (Ctrl+Enter); while a run is going, restart it with the current settings</source>
        <translation>对提示词运行 MILR（Ctrl+Enter）；运行进行中时，以当前设置重新开始</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="88"/>
        <location filename="../ui/mainwindow.ui" line="292"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="89"/>
        <source>Stop the run (Esc); the steps so far stay</source>
        <translation>停止运行（Esc）；已完成的步骤会保留</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="95"/>
        <location filename="../ui/mainwindow.ui" line="297"/>
        <source>Step &amp;once</source>
        <translation>单步(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="96"/>
        <source>One more optimisation step (a run of one step when none is held)</source>
        <translation>再进行一步优化（若当前没有运行结果，则运行一步）</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="123"/>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="133"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="134"/>
        <source>Lines of the image-token grid</source>
        <translation>图像 token 网格的格线</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="139"/>
        <source>Optimised</source>
        <translation>优化部分</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="140"/>
        <source>Outline the optimised prefix: the first λv of the image tokens, in raster order</source>
        <translation>标出被优化的前缀：按光栅顺序，前 λv 比例的图像 token</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="145"/>
        <source>Since start</source>
        <translation>相对初始</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="146"/>
        <source>Cells whose token differs from the initial image</source>
        <translation>token 与初始图像不同的格子</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="151"/>
        <source>Since last step</source>
        <translation>相对上一步</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="152"/>
        <source>Cells whose token differs from the previous step</source>
        <translation>token 与上一步不同的格子</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="165"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="210"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="233"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="235"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="238"/>
        <source>&amp;Models on this machine</source>
        <translation>本机上的模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="254"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="256"/>
        <source>Auto-play &amp;pace</source>
        <translation>自动播放速度(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="267"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="277"/>
        <source>&amp;Open model folder…</source>
        <translation>打开模型文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="278"/>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="281"/>
        <source>&amp;Get a model…</source>
        <translation>获取模型(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="284"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="285"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="289"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="293"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="298"/>
        <source>Ctrl+Shift+Return</source>
        <translation>Ctrl+Shift+Return</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="301"/>
        <source>&amp;Follow the latest step</source>
        <translation>跟随最新一步(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="302"/>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="307"/>
        <source>&amp;Research plots</source>
        <translation>研究图表(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="311"/>
        <source>&amp;Presentation</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="312"/>
        <source>Full screen: the image, the steps and the reward curve in large type (Esc leaves)</source>
        <translation>全屏：以大字号显示图像、各步和奖励曲线（按 Esc 退出）</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="313"/>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="317"/>
        <source>&amp;Compare two steps</source>
        <translation>比较两步(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="318"/>
        <source>A swipe or side-by-side view of any two steps, e.g. the initial image and the best</source>
        <translation>以滑动分隔或并排方式查看任意两步，例如初始图像与最佳图像</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="319"/>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="324"/>
        <source>&amp;Auto-play in presentation</source>
        <translation>演示时自动播放(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="325"/>
        <source>In presentation mode, show the trajectory&apos;s steps one after another</source>
        <translation>在演示模式中逐一播放轨迹的各步</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="326"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="329"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="330"/>
        <source>Ctrl+/</source>
        <translation>Ctrl+/</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.ui" line="333"/>
        <source>&amp;About MILR Studio</source>
        <translation>关于 MILR Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="33"/>
        <source>&amp;User Guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="83"/>
        <source>PNGs written by MILR Studio or milr (their settings are restored) or trajectory folders to open.</source>
        <translation>要打开的文件：由 MILR Studio 或 milr 写出的 PNG（会恢复其中的设置），或轨迹文件夹。</translation>
    </message>
</context>
<context>
    <name>milr::Appearance</name>
    <message>
        <location filename="../app/studio/appearance.cpp" line="115"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../app/studio/appearance.cpp" line="119"/>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location filename="../app/studio/appearance.cpp" line="120"/>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/studio/appearance.cpp" line="121"/>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <location filename="../app/studio/appearance.cpp" line="133"/>
        <source>Te&amp;xt size</source>
        <translation>文字大小(&amp;X)</translation>
    </message>
</context>
<context>
    <name>milr::CommandLine</name>
    <message>
        <location filename="../app/studio/command_line.cpp" line="17"/>
        <source>Test-time latent optimisation (MILR) on Janus-Pro models, step by step.</source>
        <translation>在 Janus-Pro 模型上逐步进行测试时潜变量优化（MILR）。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="22"/>
        <source>Model folder (Hugging Face snapshot); the embedded model when absent.</source>
        <translation>模型文件夹（Hugging Face 快照）；省略时使用内置模型。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="24"/>
        <source>The prompt to show (and run with --run).</source>
        <translation>要显示的提示词（配合 --run 时运行）。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="25"/>
        <source>text, image, both or best-of-n.</source>
        <translation>text、image、both 或 best-of-n。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="27"/>
        <source>Optimisation steps, %1 to %2.</source>
        <translation>优化步数，%1 到 %2。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="37"/>
        <source>Open File &gt; Get a model… with this Hugging Face model (owner/name) chosen; the download starts when you press Download.</source>
        <translation>打开“文件 &gt; 获取模型…”并选中此 Hugging Face 模型（所有者/名称）；按“下载”后才开始下载。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="41"/>
        <source>Print how long the window took to accept a prompt, then quit (the start-up benchmark).</source>
        <translation>输出窗口用了多长时间才能接受提示词，然后退出（启动基准测试）。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="66"/>
        <source>--steps must be a whole number from %1 to %2, not &apos;%3&apos;.</source>
        <translation>--steps 必须是 %1 到 %2 之间的整数，而不是“%3”。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="31"/>
        <source>Start the run at once.</source>
        <translation>立即开始运行。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="32"/>
        <source>Start in presentation mode (full screen).</source>
        <translation>以演示模式（全屏）启动。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="34"/>
        <source>When the run ends, print its outcome and quit after this many seconds.</source>
        <translation>运行结束时输出结果，并在这么多秒后退出。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="56"/>
        <source>--mode must be text, image, both or best-of-n, not &apos;%1&apos;.</source>
        <translation>--mode 必须是 text、image、both 或 best-of-n，而不是“%1”。</translation>
    </message>
    <message>
        <location filename="../app/studio/command_line.cpp" line="78"/>
        <source>--quit-after-run must be a whole number of seconds, not &apos;%1&apos;.</source>
        <translation>--quit-after-run 必须是整数秒数，而不是“%1”。</translation>
    </message>
</context>
<context>
    <name>milr::CompareCanvas</name>
    <message>
        <location filename="../widgets/compare_canvas.cpp" line="22"/>
        <source>Choose two steps to compare.</source>
        <translation>请选择要比较的两步。</translation>
    </message>
</context>
<context>
    <name>milr::CompareView</name>
    <message>
        <location filename="../widgets/compare_view.cpp" line="26"/>
        <source>The image on the left of the divider</source>
        <translation>分隔线左侧的图像</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="27"/>
        <source>The image on the right of the divider</source>
        <translation>分隔线右侧的图像</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="33"/>
        <source>vs</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="37"/>
        <source>Initial vs best</source>
        <translation>初始 vs 最佳</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="39"/>
        <source>The initial image against the step with the highest reward</source>
        <translation>初始图像与奖励最高的一步对比</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="44"/>
        <source>Swipe</source>
        <translation>滑动对比</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="45"/>
        <source>One image over the other: drag the divider</source>
        <translation>两张图像叠在一起：拖动分隔线</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="47"/>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="100"/>
        <source>step %1 · %2</source>
        <translation>第 %1 步 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="176"/>
        <source>Compare two steps once a run has steps.</source>
        <translation>运行产生步骤后即可比较其中两步。</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="177"/>
        <source>Choose two steps to compare.</source>
        <translation>请选择要比较的两步。</translation>
    </message>
    <message>
        <location filename="../widgets/compare_view.cpp" line="186"/>
        <source>step %1 · reward %2</source>
        <translation>第 %1 步 · 奖励 %2</translation>
    </message>
</context>
<context>
    <name>milr::ExampleMenu</name>
    <message>
        <location filename="../app/studio/example_menu.cpp" line="25"/>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <location filename="../app/studio/example_menu.cpp" line="30"/>
        <source>%1 — %2 (base %3/%5, MILR %4/%5)</source>
        <translation>%1 — %2（基线 %3/%5，MILR %4/%5）</translation>
    </message>
    <message>
        <location filename="../app/studio/example_menu.cpp" line="35"/>
        <source>Failed without MILR and passed with it with each of the study&apos;s %1 seeds; seed %2, %3 steps, %4</source>
        <translation>在研究的全部 %1 个种子下，不用 MILR 都失败、用 MILR 都通过；种子 %2，%3 步，%4</translation>
    </message>
    <message>
        <location filename="../app/studio/example_menu.cpp" line="44"/>
        <source>No examples shipped</source>
        <translation>未附带示例</translation>
    </message>
    <message>
        <location filename="../app/studio/example_menu.cpp" line="44"/>
        <source>Examples unreadable</source>
        <translation>示例无法读取</translation>
    </message>
    <message>
        <location filename="../app/studio/example_menu.cpp" line="59"/>
        <source>%1 cannot be read</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/example_menu.cpp" line="65"/>
        <source>%1 is not JSON: %2</source>
        <translation>%1 不是 JSON：%2</translation>
    </message>
</context>
<context>
    <name>milr::ExportActions</name>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="109"/>
        <source>Open &amp;image…</source>
        <translation>打开图像(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="111"/>
        <source>Open &amp;trajectory…</source>
        <translation>打开轨迹(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="114"/>
        <source>&amp;Export image…</source>
        <translation>导出图像(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="116"/>
        <source>Save t&amp;rajectory…</source>
        <translation>保存轨迹(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="118"/>
        <source>Export &amp;contact sheet…</source>
        <translation>导出缩略图总览(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="120"/>
        <source>Export &amp;video…</source>
        <translation>导出视频(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="122"/>
        <source>Export steps as C&amp;SV…</source>
        <translation>将各步导出为 C&amp;SV…</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="193"/>
        <source>There is no image on show to export: run, or open a trajectory, first.</source>
        <translation>当前没有可导出的图像：请先运行，或打开一条轨迹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="204"/>
        <source>The image was not exported.</source>
        <translation>图像未导出。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="212"/>
        <source>There are no steps to save: run, or open a trajectory, first.</source>
        <translation>没有可保存的步骤：请先运行，或打开一条轨迹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="214"/>
        <source>%1 is a file; a trajectory is saved as a folder.</source>
        <translation>%1 是一个文件；轨迹要保存为文件夹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="217"/>
        <source>%1 is not empty and holds no trajectory: choose a new or empty folder.</source>
        <translation>%1 不是空文件夹，其中也没有轨迹：请选择一个新的或空的文件夹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="221"/>
        <source>The trajectory was not saved (or only in part).</source>
        <translation>轨迹未保存（或只保存了一部分）。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="239"/>
        <source>The run on show was saved in %1; the other run was not, as %2 exists and holds no trajectory.</source>
        <translation>当前显示的运行已保存到 %1；另一个运行未保存，因为 %2 已存在且不包含轨迹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="245"/>
        <source>The run on show was saved in %1; the other run was not.</source>
        <translation>当前显示的运行已保存到 %1；另一个运行未保存。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="247"/>
        <source>The other run of the prompt was saved beside it, in %1.</source>
        <translation>同一提示词的另一个运行已保存在旁边：%1。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="253"/>
        <source>A run is going: stop it before opening a trajectory.</source>
        <translation>正在运行：请先停止运行，再打开轨迹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="258"/>
        <source>The trajectory could not be opened.</source>
        <translation>无法打开该轨迹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="260"/>
        <source>%1 holds a trajectory without any step.</source>
        <translation>%1 中的轨迹没有任何步骤。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="274"/>
        <source>Opened the trajectory %1: %2 of “%3”.</source>
        <translation>已打开轨迹 %1：“%3”的 %2。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="296"/>
        <source>A run is going: stop it before opening an image.</source>
        <translation>正在运行：请先停止再打开图像。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="302"/>
        <source>The image&apos;s parameters could not be read.</source>
        <translation>无法读取该图像的参数。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="324"/>
        <source>Its reward program was not taken: %1</source>
        <translation>未采用其奖励程序：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="328"/>
        <source>It was made with the model folder %1, which is not on this machine; the model chosen now is kept.</source>
        <translation>它由模型文件夹 %1 生成，但本机上没有该文件夹；保留当前选择的模型。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="333"/>
        <source>The image %1 was made with the model in this folder (written in the file as %2).</source>
        <translation>图像 %1 由此文件夹中的模型生成（文件中写作 %2）。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="335"/>
        <source>Its model folder was not taken: %1</source>
        <translation>未采用其模型文件夹：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="343"/>
        <source>%1 names a program to run as the reward, once for every image:</source>
        <translation>%1 指定了一个作为奖励运行的程序，每张图像运行一次：</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="347"/>
        <source>%1

The program runs with your rights. Use it only if you know and trust it; otherwise the image&apos;s other settings are restored and your reward stays.</source>
        <translation>%1

该程序将以您的权限运行。只有在您了解并信任它时才使用；否则将恢复图像的其他设置，并保留您的奖励。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="350"/>
        <source>Run this program as the reward</source>
        <translation>将此程序作为奖励运行</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="351"/>
        <source>Keep my reward</source>
        <translation>保留我的奖励</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="359"/>
        <source>There are no steps for a contact sheet: run, or open a trajectory, first.</source>
        <translation>没有可用于缩略图总览的步骤：请先运行，或打开一条轨迹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="363"/>
        <source>The contact sheet was not exported.</source>
        <translation>缩略图总览未导出。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="371"/>
        <source>There are no steps for a video: run, or open a trajectory, first.</source>
        <translation>没有可用于视频的步骤：请先运行，或打开一条轨迹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="384"/>
        <source>The video was written as %1: %2.</source>
        <translation>视频已写为 %1：%2。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="387"/>
        <source>The video was not exported.</source>
        <translation>视频未导出。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="394"/>
        <source>There are no steps to export: run, or open a trajectory, first.</source>
        <translation>没有可导出的步骤：请先运行，或打开一个轨迹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="398"/>
        <source>The steps were not exported.</source>
        <translation>步骤未导出。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="411"/>
        <source>%1 is neither a PNG image nor a trajectory folder.</source>
        <translation>%1 既不是 PNG 图像，也不是轨迹文件夹。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="440"/>
        <source>nearest: crisp token cells</source>
        <translation>最近邻：token 格子保持清晰</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="440"/>
        <source>smooth (bicubic)</source>
        <translation>平滑（双三次）</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="441"/>
        <source>1x, as drawn (%1 px)</source>
        <translation>1 倍，原样（%1 像素）</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="442"/>
        <source>%1x, %2 (%3 px)</source>
        <translation>%1 倍，%2（%3 像素）</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="449"/>
        <source>Size of the exported image:</source>
        <translation>导出图像的尺寸：</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="460"/>
        <location filename="../app/studio/export_actions.cpp" line="465"/>
        <location filename="../app/studio/export_actions.cpp" line="466"/>
        <source>Export image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="460"/>
        <location filename="../app/studio/export_actions.cpp" line="489"/>
        <location filename="../app/studio/export_actions.cpp" line="497"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="472"/>
        <source>Save trajectory (a new folder)</source>
        <translation>保存轨迹（新文件夹）</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="475"/>
        <source>Save trajectory</source>
        <translation>保存轨迹</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="481"/>
        <source>Open trajectory folder</source>
        <translation>打开轨迹文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="484"/>
        <source>Open trajectory</source>
        <translation>打开轨迹</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="507"/>
        <source>MP4 video, H.264 (*.mp4);;Motion JPEG video (*.avi)</source>
        <translation>MP4 视频，H.264 (*.mp4);;Motion JPEG 视频 (*.avi)</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="342"/>
        <location filename="../app/studio/export_actions.cpp" line="489"/>
        <location filename="../app/studio/export_actions.cpp" line="492"/>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="315"/>
        <source>Opened %1: step %2 of a run of “%3”, reward %4; its prompt and run parameters are restored.</source>
        <translation>已打开 %1：“%3”一次运行的第 %2 步，奖励 %4；已恢复其提示词和运行参数。</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="497"/>
        <location filename="../app/studio/export_actions.cpp" line="498"/>
        <source>Export contact sheet</source>
        <translation>导出缩略图总览</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="503"/>
        <location filename="../app/studio/export_actions.cpp" line="506"/>
        <location filename="../app/studio/export_actions.cpp" line="512"/>
        <location filename="../app/studio/export_actions.cpp" line="514"/>
        <source>Export video</source>
        <translation>导出视频</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="504"/>
        <source>Seconds each step stays on screen:</source>
        <translation>每一步在画面上停留的秒数：</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="520"/>
        <location filename="../app/studio/export_actions.cpp" line="523"/>
        <source>Export steps as CSV</source>
        <translation>将各步导出为 CSV</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="520"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/studio/export_actions.cpp" line="543"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
</context>
<context>
    <name>milr::GetModelDialog</name>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="55"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="57"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="60"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="67"/>
        <source>Get a model</source>
        <translation>获取模型</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="69"/>
        <source>Fetch a model from the Hugging Face Hub. It is stored in the Hub&apos;s cache, where the Hub&apos;s own tools find it too, and checked before use.</source>
        <translation>从 Hugging Face Hub 获取模型。模型保存在 Hub 的缓存中，Hub 自己的工具也能找到它，并在使用前进行校验。</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="78"/>
        <source>%1 (%2 download)</source>
        <translation>%1（下载 %2）</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="85"/>
        <source>Or another model (owner/name):</source>
        <translation>或其他模型（所有者/名称）：</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="105"/>
        <location filename="../app/studio/get_model_dialog.cpp" line="216"/>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="106"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="107"/>
        <source>&amp;Cancel download</source>
        <translation>取消下载(&amp;C)</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="108"/>
        <source>&amp;Use this model</source>
        <translation>使用此模型(&amp;U)</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="186"/>
        <source>Stored in %1 (%2 free there).</source>
        <translation>保存到 %1（该处可用 %2）。</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="195"/>
        <source>A run on the CPU in %1 needs about %2; this machine has %3 available: %4.</source>
        <translation>在 CPU 上以 %1 运行约需 %2；本机可用 %3：%4。</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="198"/>
        <source>it fits</source>
        <translation>足够</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="198"/>
        <source>it does not fit</source>
        <translation>不够</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="202"/>
        <source>HF_HUB_OFFLINE is set: nothing can be downloaded.</source>
        <translation>已设置 HF_HUB_OFFLINE：无法下载任何内容。</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="205"/>
        <source>%1 of an earlier download is here: Resume carries on from it.</source>
        <translation>此处已有先前下载的 %1：“继续”将从这里接着下载。</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="216"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="242"/>
        <source>Asking the Hub for %1…</source>
        <translation>正在向 Hub 查询 %1…</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="256"/>
        <source>%1 (%2 of %3): %4 of %5</source>
        <translation>%1（第 %2 个，共 %3 个）：%4 / %5</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="262"/>
        <source>, %1/s, %2 left</source>
        <translation>，%1/秒，剩余 %2</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="268"/>
        <source>Checking %1 against the Hub&apos;s SHA-256…</source>
        <translation>正在按 Hub 的 SHA-256 校验 %1…</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="270"/>
        <source>Asking the Hub for the file list…</source>
        <translation>正在向 Hub 查询文件列表…</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="272"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="300"/>
        <source>Pausing…</source>
        <translation>正在暂停…</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="307"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="312"/>
        <source>The partial download was removed.</source>
        <translation>未完成的下载已删除。</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="323"/>
        <source>Cancelled; the partial download was removed.</source>
        <translation>已取消；未完成的下载已删除。</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="326"/>
        <source>Paused. Resume carries on from the %1 already here, also after the studio restarts.</source>
        <translation>已暂停。“继续”将从已下载的 %1 接着下载，重启工作室后也可以。</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="331"/>
        <source>The download failed: %1</source>
        <translation>下载失败：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/get_model_dialog.cpp" line="336"/>
        <source>%1 is here: %2</source>
        <translation>%1 已就绪：%2</translation>
    </message>
</context>
<context>
    <name>milr::ImageView</name>
    <message>
        <location filename="../widgets/image_view.cpp" line="20"/>
        <location filename="../widgets/image_view.cpp" line="59"/>
        <source>The image of each step appears here.</source>
        <translation>每一步的图像显示在这里。</translation>
    </message>
    <message>
        <location filename="../widgets/image_view.cpp" line="49"/>
        <source>Step %1 has no image.</source>
        <translation>第 %1 步没有图像。</translation>
    </message>
</context>
<context>
    <name>milr::Language</name>
    <message>
        <location filename="../app/studio/language.cpp" line="18"/>
        <source>The language changes the next time MILR Studio starts.</source>
        <translation>语言将在下次启动 MILR Studio 时更改。</translation>
    </message>
    <message>
        <location filename="../app/studio/language.cpp" line="52"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../app/studio/language.cpp" line="126"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../app/studio/language.cpp" line="136"/>
        <source>&amp;System (%1)</source>
        <translation>跟随系统（%1）(&amp;S)</translation>
    </message>
</context>
<context>
    <name>milr::MachineModelsMenu</name>
    <message>
        <location filename="../app/studio/machine_models_menu.cpp" line="17"/>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <location filename="../app/studio/machine_models_menu.cpp" line="46"/>
        <source>Looking for models…</source>
        <translation>正在查找模型…</translation>
    </message>
    <message>
        <location filename="../app/studio/machine_models_menu.cpp" line="56"/>
        <source>No models in the Hugging Face cache yet</source>
        <translation>Hugging Face 缓存中还没有模型</translation>
    </message>
    <message>
        <location filename="../app/studio/machine_models_menu.cpp" line="59"/>
        <source>&amp;Get a model…</source>
        <translation>获取模型(&amp;G)…</translation>
    </message>
</context>
<context>
    <name>milr::MainWindow</name>
    <message>
        <location filename="../app/studio/main_window.cpp" line="166"/>
        <source>Write a prompt first.</source>
        <translation>请先输入提示词。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="191"/>
        <source>Step once</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="192"/>
        <source>The settings (or the prompt) changed since the steps on show were made, so one more step cannot continue them. Start a new run from step 0 with the settings now?</source>
        <translation>自显示的步骤生成以来，设置（或提示词）已更改，因此无法再继续这些步骤。要用当前设置从第 0 步开始新的运行吗？</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="196"/>
        <source>Start anew</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="202"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="214"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="240"/>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="254"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="251"/>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="255"/>
        <source>Stopped by request; %1 kept.</source>
        <translation>已按要求停止；保留了 %1。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="264"/>
        <source>%1 (Kept: %2 so far.)</source>
        <translation>%1（已保留目前的 %2。）</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="277"/>
        <source>&amp;Restart</source>
        <translation>重新开始(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="277"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="294"/>
        <source>The changed settings apply from the next run; press Restart to apply them now (same seed).</source>
        <translation>更改的设置将从下次运行起生效；按“重新开始”可立即应用（随机种子不变）。</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="300"/>
        <source>Open model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/main_window.cpp" line="398"/>
        <source>About MILR Studio</source>
        <translation>关于 MILR Studio</translation>
    </message>
</context>
<context>
    <name>milr::ModelFolders</name>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="63"/>
        <source>This folder cannot be used as a model:

%1</source>
        <translation>此文件夹不能用作模型：

%1</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="64"/>
        <location filename="../app/studio/model_folders.cpp" line="69"/>
        <source>Open model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="70"/>
        <source>Use the model in %1?
It is loaded on the next run, on the device and precision chosen.</source>
        <translation>使用 %1 中的模型吗？
它将在下次运行时按所选的设备和精度加载。</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="76"/>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="83"/>
        <source>Memory a run needs:</source>
        <translation>一次运行所需内存：</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="85"/>
        <source>%1: %2 GiB</source>
        <translation>%1：%2 GiB</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="118"/>
        <source>the embedded model</source>
        <translation>内置模型</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="127"/>
        <source>layout: %1</source>
        <translation>布局：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="128"/>
        <source>%L1 parameters stored</source>
        <translation>已存储 %L1 个参数</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="130"/>
        <location filename="../app/studio/model_folders.cpp" line="132"/>
        <source>cannot be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/model_folders.cpp" line="134"/>
        <source>&lt;h3&gt;MILR Studio %1&lt;/h3&gt;&lt;p&gt;Test-time latent optimisation (MILR) on Janus-Pro-architecture models.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libtorch&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Model&lt;/td&gt;&lt;td&gt;%5&lt;br&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;h3&gt;MILR Studio %1&lt;/h3&gt;&lt;p&gt;在 Janus-Pro 架构模型上进行测试时潜变量优化（MILR）。&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2（编译时版本 %3）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;libtorch&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;模型&lt;/td&gt;&lt;td&gt;%5&lt;br&gt;%6&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>milr::ParameterPanel</name>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="67"/>
        <source>Text and image (both)</source>
        <translation>文本和图像（两者）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="68"/>
        <source>Text only</source>
        <translation>仅文本</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="69"/>
        <source>Image only</source>
        <translation>仅图像</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="70"/>
        <source>Best-of-N (baseline)</source>
        <translation>Best-of-N（最优 N 选一，基线）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="72"/>
        <source>Which latents MILR optimises; Best-of-N samples independent images instead and keeps the best.</source>
        <translation>MILR 优化哪些潜变量；Best-of-N 则独立采样多张图像并保留最好的一张。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="73"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="87"/>
        <source>Latent optimisation</source>
        <translation>潜变量优化</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="90"/>
        <source>λt: share of the reasoning tokens whose hidden states are optimised (paper: 0.2).</source>
        <translation>λt：隐藏状态被优化的推理 token 所占比例（论文：0.2）。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="94"/>
        <source>λv: share of the image tokens whose hidden states are optimised (paper: 0.02). The slider moves in steps of 0.001 up to 0.1 and of 0.01 above.</source>
        <translation>λv：隐藏状态被优化的图像 token 所占比例（论文：0.02）。滑块在 0.1 以下按 0.001 调节，0.1 以上按 0.01 调节。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="101"/>
        <source>Adam&apos;s learning rate, on a log scale (paper: 0.03). 0 re-samples without moving the latents.</source>
        <translation>Adam 的学习率，对数刻度（论文：0.03）。0 表示只重新采样、不移动潜变量。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="105"/>
        <source>Optimisation steps (Best-of-N: samples beyond the first).</source>
        <translation>优化步数（Best-of-N：第一张之外的采样数）。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="106"/>
        <source>λt (text)</source>
        <translation>λt（文本）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="107"/>
        <source>λv (image)</source>
        <translation>λv（图像）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="108"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="109"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="116"/>
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="119"/>
        <source>GenEval-Shapes judge</source>
        <translation>GenEval-Shapes 评判器</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="120"/>
        <source>Self-judgement (the model checks its image)</source>
        <translation>自我评判（模型检查自己生成的图像）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="121"/>
        <source>External command</source>
        <translation>外部命令</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="122"/>
        <source>GenEval-Shapes judge, pass or fail</source>
        <translation>GenEval-Shapes 评判器（通过或不通过）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="123"/>
        <source>Judge and self-judgement</source>
        <translation>评判器与自我评判</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="131"/>
        <source>Derived from the prompt text</source>
        <translation>由提示词文本推导</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="132"/>
        <source>Given below (JSON)</source>
        <translation>在下方给出（JSON）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="135"/>
        <source>{&quot;tag&quot;: &quot;color_attr&quot;, &quot;include&quot;: [{&quot;class&quot;: &quot;circle&quot;, &quot;count&quot;: 1, &quot;color&quot;: &quot;red&quot;}]}</source>
        <translation>{&quot;tag&quot;: &quot;color_attr&quot;, &quot;include&quot;: [{&quot;class&quot;: &quot;circle&quot;, &quot;count&quot;: 1, &quot;color&quot;: &quot;red&quot;}]}</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="138"/>
        <source>Metadata</source>
        <translation>元数据</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="143"/>
        <source>The loaded model looks at its image and answers whether it matches the prompt.</source>
        <translation>已加载的模型查看自己生成的图像，并回答它是否与提示词相符。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="152"/>
        <source>program args… (gets the image path and prompt; prints a reward in [0, 1])</source>
        <translation>程序 参数…（接收图像路径和提示词；输出 [0, 1] 内的奖励）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="156"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="157"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="158"/>
        <source>Time limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="178"/>
        <location filename="../widgets/parameter_panel.cpp" line="192"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="184"/>
        <source>Embedded model</source>
        <translation>内置模型</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="186"/>
        <source>The small Janus-Pro-architecture model trained on the GenEval-Shapes world, built into the app</source>
        <translation>内置于应用中的小型 Janus-Pro 架构模型，在 GenEval-Shapes 世界上训练</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="188"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="189"/>
        <source>Open model folder… (a Hugging Face snapshot of Janus-Pro)</source>
        <translation>打开模型文件夹…（Janus-Pro 的 Hugging Face 快照）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="198"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="199"/>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="201"/>
        <source>fp32</source>
        <translation>fp32</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="202"/>
        <source>bf16</source>
        <translation>bf16</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="205"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="218"/>
        <source>Advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="232"/>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="239"/>
        <source>Classifier-free guidance weight: 5 for Janus-Pro; the embedded model may do better with 3.</source>
        <translation>无分类器引导（CFG）权重：Janus-Pro 用 5；内置模型用 3 可能更好。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="245"/>
        <source>Reference</source>
        <translation>参考实现</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="246"/>
        <source>Improved</source>
        <translation>改进版</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="248"/>
        <source>Reference: the algorithm as the authors&apos; code runs it. Improved: the project&apos;s fixes on top.</source>
        <translation>参考实现：与作者代码一致的算法。改进版：在此之上加入本项目的修正。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="250"/>
        <source>Authors&apos; loss</source>
        <translation>作者的损失</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="251"/>
        <source>REINFORCE with baseline</source>
        <translation>带基线的 REINFORCE</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="253"/>
        <source>Authors&apos; loss: (1 - reward) × log p of the current argmax tokens (every step pushes them down). REINFORCE: (reward - mean of the earlier rewards) × log p of the tokens the run used, the paper&apos;s estimator.</source>
        <translation>作者的损失：(1 - 奖励) × 当前 argmax 词元的 log p（每一步都把它们压低）。REINFORCE：(奖励 - 先前奖励的均值) × 本次运行实际使用的词元的 log p，即论文的估计器。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="257"/>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="258"/>
        <source>Random (control)</source>
        <translation>随机（对照）</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="260"/>
        <source>Random: the latents move along a seeded random direction with the gradient&apos;s norm, a control that shows what the gradient&apos;s direction adds.</source>
        <translation>随机：潜变量沿一个带种子的随机方向移动，步长为梯度的范数；这一对照显示梯度方向本身带来了什么。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="263"/>
        <source>The run&apos;s reasoning</source>
        <translation>本次运行的推理</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="264"/>
        <source>A reasoning per sample</source>
        <translation>每个样本各自推理</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="265"/>
        <source>The prompt alone</source>
        <translation>仅提示词</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="266"/>
        <source>What each Best-of-N sample is drawn from.</source>
        <translation>每个 Best-of-N 样本的来源。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="271"/>
        <source>The run stops once the reward exceeds this value.</source>
        <translation>奖励超过此值后，运行即停止。</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="272"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="273"/>
        <source>CFG weight</source>
        <translation>CFG 权重</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="274"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="275"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="276"/>
        <source>Estimator</source>
        <translation>估计器</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="277"/>
        <source>Update</source>
        <translation>更新方向</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="278"/>
        <source>Best-of-N from</source>
        <translation>Best-of-N 来源</translation>
    </message>
    <message>
        <location filename="../widgets/parameter_panel.cpp" line="279"/>
        <source>Stop above reward</source>
        <translation>奖励高于此值时停止</translation>
    </message>
</context>
<context>
    <name>milr::PresentationMode</name>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="38"/>
        <source>%1 s per step</source>
        <translation>每步 %1 秒</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="46"/>
        <source>End on the &amp;best step</source>
        <translation>停在最佳一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="49"/>
        <source>Auto-play plays the trajectory once and stops on the step with the highest reward; off, it starts over</source>
        <translation>自动播放将轨迹播放一遍，并停在奖励最高的一步；关闭时则从头循环播放</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="64"/>
        <source>● Optimising…</source>
        <translation>● 正在优化…</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="75"/>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="75"/>
        <source>The step before (Left)</source>
        <translation>上一步（左方向键）</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="76"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="76"/>
        <source>Play the trajectory at the chosen pace</source>
        <translation>按所选速度播放轨迹</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="78"/>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="78"/>
        <source>The step after (Right)</source>
        <translation>下一步（右方向键）</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="80"/>
        <source>Leave (Esc)</source>
        <translation>退出（Esc）</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="80"/>
        <source>Leave presentation mode (Esc)</source>
        <translation>退出演示模式（Esc）</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="189"/>
        <source>%1 · step %2 of %3 · reward %4 (%5)</source>
        <translation>%1 · 第 %2 步，共 %3 步 · 奖励 %4（%5）</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="194"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../app/studio/presentation_mode.cpp" line="194"/>
        <source>not passed</source>
        <translation>未通过</translation>
    </message>
</context>
<context>
    <name>milr::PromptHint</name>
    <message>
        <location filename="../app/studio/prompt_hint.cpp" line="78"/>
        <source>“%1”: did you mean “%2”?</source>
        <translation>“%1”：您是指“%2”吗？</translation>
    </message>
    <message>
        <location filename="../app/studio/prompt_hint.cpp" line="79"/>
        <source>The GenEval-Shapes judge does not know %1.</source>
        <translation>GenEval-Shapes 评判器不认识 %1。</translation>
    </message>
    <message>
        <location filename="../app/studio/prompt_hint.cpp" line="79"/>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <location filename="../app/studio/prompt_hint.cpp" line="79"/>
        <source>”, “</source>
        <translation>”、“</translation>
    </message>
    <message>
        <location filename="../app/studio/prompt_hint.cpp" line="83"/>
        <source>The GenEval-Shapes judge cannot read this prompt yet: it understands prompts such as “two red circles left of a blue square”.</source>
        <translation>GenEval-Shapes 评判器还读不懂这个提示词：它能理解像“two red circles left of a blue square”这样的英文提示词。</translation>
    </message>
    <message>
        <location filename="../app/studio/prompt_hint.cpp" line="89"/>
        <source>The steps on show are of “%1”; Run draws the prompt above.</source>
        <translation>显示的步骤属于“%1”；点击运行将绘制上面的提示词。</translation>
    </message>
</context>
<context>
    <name>milr::ReasoningView</name>
    <message>
        <location filename="../widgets/reasoning_view.cpp" line="40"/>
        <location filename="../widgets/reasoning_view.cpp" line="128"/>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <location filename="../widgets/reasoning_view.cpp" line="45"/>
        <source>The model&apos;s reasoning text appears here; the optimiser&apos;s edits are highlighted.</source>
        <translation>模型的推理文本显示在这里；优化器所做的改动会高亮显示。</translation>
    </message>
    <message>
        <location filename="../widgets/reasoning_view.cpp" line="53"/>
        <source> changed since the previous step</source>
        <translation> 相对上一步有改动</translation>
    </message>
    <message>
        <location filename="../widgets/reasoning_view.cpp" line="54"/>
        <source> changed since the start</source>
        <translation> 相对初始有改动</translation>
    </message>
    <message>
        <location filename="../widgets/reasoning_view.cpp" line="57"/>
        <source>optimised prefix</source>
        <translation>被优化的前缀</translation>
    </message>
    <message>
        <location filename="../widgets/reasoning_view.cpp" line="117"/>
        <source>Reasoning at step %1 (its first token is optimised)</source>
        <translation>第 %1 步的推理（其第一个 token 被优化）</translation>
    </message>
    <message>
        <location filename="../widgets/reasoning_view.cpp" line="118"/>
        <source>Reasoning at step %1 (the first %2 tokens are optimised)</source>
        <translation>第 %1 步的推理（前 %2 个 token 被优化）</translation>
    </message>
    <message>
        <location filename="../widgets/reasoning_view.cpp" line="121"/>
        <source>Reasoning at step %1</source>
        <translation>第 %1 步的推理</translation>
    </message>
</context>
<context>
    <name>milr::RecentMenus</name>
    <message>
        <location filename="../app/studio/recent_menus.cpp" line="66"/>
        <source>Open model folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../app/studio/recent_menus.cpp" line="67"/>
        <source>The folder %1 no longer exists; it is taken off the list.</source>
        <translation>文件夹 %1 已不存在，已将其从列表中移除。</translation>
    </message>
    <message>
        <location filename="../app/studio/recent_menus.cpp" line="77"/>
        <source>&amp;Clear the list</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
</context>
<context>
    <name>milr::ResearchPanel</name>
    <message>
        <location filename="../widgets/research_panel.cpp" line="60"/>
        <source>latent distance from the start</source>
        <translation>潜变量与初始值的距离</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="60"/>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="61"/>
        <source>log-prob of the optimised tokens</source>
        <translation>被优化 token 的对数概率</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="61"/>
        <source>optimised tokens changed</source>
        <translation>被优化词元的变化数</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="62"/>
        <source>top-2 margin</source>
        <translation>前两名概率差</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="64"/>
        <source>How far the optimised latents have moved from their initial values.</source>
        <translation>被优化的潜变量离初始值移动了多远。</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="65"/>
        <source>Norm of the loss gradient at the optimised latents (before Adam).</source>
        <translation>被优化潜变量处损失梯度的范数（Adam 之前）。</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="66"/>
        <source>The estimator&apos;s log-likelihood of the optimised tokens (before the update).</source>
        <translation>估计器对被优化词元的对数似然（更新之前）。</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="67"/>
        <source>How many of the optimised positions hold a different token than at the previous step: 0 means the step re-sampled the rest and left the optimised prefix as it was.</source>
        <translation>被优化的位置中有多少个词元与上一步不同：0 表示这一步只重新采样了其余部分，被优化的前缀保持不变。</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="69"/>
        <source>Mean of p(top token) - p(second token) at the optimised positions: near 1, the latents must move far before a token flips.</source>
        <translation>被优化位置上 p(第一名词元) - p(第二名词元) 的均值：接近 1 时，潜变量要移动很远词元才会改变。</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="72"/>
        <location filename="../widgets/research_panel.cpp" line="155"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="72"/>
        <location filename="../widgets/research_panel.cpp" line="155"/>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="84"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="99"/>
        <source>n/a for this run</source>
        <translation>本次运行不适用</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="117"/>
        <source>Log scale for the distance and the gradient norm</source>
        <translation>距离和梯度范数使用对数刻度</translation>
    </message>
    <message>
        <location filename="../widgets/research_panel.cpp" line="163"/>
        <source>step %1: %2</source>
        <translation>第 %1 步：%2</translation>
    </message>
</context>
<context>
    <name>milr::RewardBreakdown</name>
    <message>
        <location filename="../widgets/reward_breakdown.cpp" line="34"/>
        <source>Part of the reward</source>
        <translation>奖励的组成部分</translation>
    </message>
    <message>
        <location filename="../widgets/reward_breakdown.cpp" line="34"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../widgets/reward_breakdown.cpp" line="34"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../widgets/reward_breakdown.cpp" line="63"/>
        <source>&lt;b&gt;Reward of step %1&lt;/b&gt;: %2, %3</source>
        <translation>&lt;b&gt;第 %1 步的奖励&lt;/b&gt;：%2，%3</translation>
    </message>
    <message>
        <location filename="../widgets/reward_breakdown.cpp" line="66"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../widgets/reward_breakdown.cpp" line="66"/>
        <source>not passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../widgets/reward_breakdown.cpp" line="86"/>
        <source>Every check passed.</source>
        <translation>所有检查均已通过。</translation>
    </message>
    <message>
        <location filename="../widgets/reward_breakdown.cpp" line="87"/>
        <source>&lt;i&gt;The judge&apos;s reasons:&lt;/i&gt;&lt;br&gt;</source>
        <translation>&lt;i&gt;评判的理由：&lt;/i&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/reward_breakdown.cpp" line="91"/>
        <source>The reward of the step on show, part by part, appears here.</source>
        <translation>此处逐项显示当前步骤的奖励。</translation>
    </message>
</context>
<context>
    <name>milr::RewardPlot</name>
    <message>
        <location filename="../widgets/reward_plot.cpp" line="26"/>
        <source>step (reward calls beyond the first)</source>
        <translation>步（第一次之外的奖励调用次数）</translation>
    </message>
    <message>
        <location filename="../widgets/reward_plot.cpp" line="27"/>
        <location filename="../widgets/reward_plot.cpp" line="33"/>
        <location filename="../widgets/reward_plot.cpp" line="134"/>
        <source>reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <location filename="../widgets/reward_plot.cpp" line="45"/>
        <source>on show</source>
        <translation>当前显示</translation>
    </message>
    <message>
        <location filename="../widgets/reward_plot.cpp" line="49"/>
        <source>best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <location filename="../widgets/reward_plot.cpp" line="203"/>
        <source>&lt;b&gt;Step %1&lt;/b&gt;: reward %2 (%3)</source>
        <translation>&lt;b&gt;第 %1 步&lt;/b&gt;：奖励 %2（%3）</translation>
    </message>
    <message>
        <location filename="../widgets/reward_plot.cpp" line="206"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../widgets/reward_plot.cpp" line="206"/>
        <source>not passed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <location filename="../widgets/reward_plot.cpp" line="210"/>
        <source>%1: %2 (weight %3)&lt;br&gt;</source>
        <translation>%1：%2（权重 %3）&lt;br&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/reward_plot.cpp" line="216"/>
        <source>&lt;br&gt;&lt;i&gt;The judge&apos;s reasons:&lt;/i&gt;&lt;ul style=&quot;margin:0&quot;&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;评判器给出的理由：&lt;/i&gt;&lt;ul style=&quot;margin:0&quot;&gt;</translation>
    </message>
</context>
<context>
    <name>milr::RunProgress</name>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="20"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="21"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="30"/>
        <source>Loading the model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="33"/>
        <source>Thinking</source>
        <translation>思考中</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="36"/>
        <source>Drawing</source>
        <translation>绘图中</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="39"/>
        <source>Decoding</source>
        <translation>解码中</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="42"/>
        <source>Judging</source>
        <translation>评判中</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="45"/>
        <source>Optimising</source>
        <translation>优化中</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="54"/>
        <source>The reward failed</source>
        <translation>奖励计算失败</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="56"/>
        <source>Numbers went non-finite</source>
        <translation>数值变为非有限值</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="58"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="65"/>
        <source>The reward could not score the image: %1</source>
        <translation>奖励无法为图像打分：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="68"/>
        <source>The model&apos;s numbers became NaN or infinite: %1</source>
        <translation>模型的数值变成了 NaN 或无穷大：%1</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="76"/>
        <source>1 step</source>
        <translation>1 步</translation>
    </message>
    <message>
        <location filename="../app/studio/run_progress.cpp" line="77"/>
        <source>%1 steps</source>
        <translation>%1 步</translation>
    </message>
</context>
<context>
    <name>milr::RunStrips</name>
    <message>
        <location filename="../app/studio/run_strips.cpp" line="36"/>
        <source>Steps (click, or Left and Right, to show one)</source>
        <translation>步骤（单击，或用左右方向键查看某一步）</translation>
    </message>
    <message>
        <location filename="../app/studio/run_strips.cpp" line="39"/>
        <source>This run</source>
        <translation>本次运行</translation>
    </message>
    <message>
        <location filename="../app/studio/run_strips.cpp" line="40"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../app/studio/run_strips.cpp" line="41"/>
        <source>%1, the earlier run of the same prompt: %2</source>
        <translation>%1，同一提示词的上一次运行：%2</translation>
    </message>
</context>
<context>
    <name>milr::ShortcutsDialog</name>
    <message>
        <location filename="../widgets/shortcuts_dialog.cpp" line="34"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../widgets/shortcuts_dialog.cpp" line="38"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../widgets/shortcuts_dialog.cpp" line="38"/>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>milr::StepModel</name>
    <message>
        <location filename="../widgets/step_model.cpp" line="9"/>
        <source>Best-of-N</source>
        <translation>Best-of-N</translation>
    </message>
    <message>
        <location filename="../widgets/step_model.cpp" line="10"/>
        <source>MILR</source>
        <translation>MILR</translation>
    </message>
    <message>
        <location filename="../widgets/step_model.cpp" line="10"/>
        <source>MILR (%1)</source>
        <translation>MILR（%1）</translation>
    </message>
</context>
<context>
    <name>milr::TimelineStrip</name>
    <message>
        <location filename="../widgets/timeline_strip.cpp" line="148"/>
        <source>Every step&apos;s image appears here.</source>
        <translation>每一步的图像都会显示在这里。</translation>
    </message>
</context>
<context>
    <name>milr::UserGuideDialog</name>
    <message>
        <location filename="../widgets/user_guide_dialog.cpp" line="14"/>
        <source>MILR Studio User Guide</source>
        <translation>MILR Studio 用户指南</translation>
    </message>
    <message>
        <location filename="../widgets/user_guide_dialog.cpp" line="32"/>
        <source>The user guide is not installed.</source>
        <translation>未安装用户指南。</translation>
    </message>
    <message>
        <location filename="../widgets/user_guide_dialog.cpp" line="33"/>
        <source>The user guide at %1 cannot be read.</source>
        <translation>无法读取位于 %1 的用户指南。</translation>
    </message>
    <message>
        <location filename="../widgets/user_guide_dialog.cpp" line="45"/>
        <source>This link leads out of the guide: %1</source>
        <translation>此链接指向指南之外：%1</translation>
    </message>
</context>
</TS>
