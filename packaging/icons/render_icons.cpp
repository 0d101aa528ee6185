// Renders the application's SVG icon into the hicolor PNG sizes with Qt's own SVG renderer (the one the app uses).
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    QTextStream err(stderr);
    const QStringList args = app.arguments();
    if (args.size() < 4) {
        err << "usage: render_icons ICON.svg OUT_DIR SIZE...\n"
               "writes OUT_DIR/<SIZE>x<SIZE>.png for every SIZE\n";
        return 2;
    }
    QSvgRenderer svg(args[1]);
    if (!svg.isValid()) {
        err << args[1] << ": not a valid SVG file\n";
        return 1;
    }
    for (int i = 3; i < args.size(); ++i) {
        bool ok = false;
        const int size = args[i].toInt(&ok);
        if (!ok || size < 1 || size > 4096) {
            err << "'" << args[i] << "' is not a size in pixels\n";
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString out = QStringLiteral("%1/%2x%2.png").arg(args[2]).arg(size);
        if (!image.save(out, "PNG")) {
            err << out << ": cannot be written\n";
            return 1;
        }
    }
    return 0;
}
