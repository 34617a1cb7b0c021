// Scan: live camera with a framing guide, keyboard-wedge scanners and image import (picker or
// drag-and-drop anywhere), all funnelled into one handler; the result replaces the view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Select, Spin, Tag } from 'antd';
import { PictureOutlined, ScanOutlined, WarningOutlined } from '@ant-design/icons';
import { useKiosk } from '../app/kiosk-context';
import { ResultView, type ShownResult } from '../components/ResultView';
import { createRepeatFilter, looksLikeEsscQr } from './scan/repeat-filter';
import { useCamera } from './scan/use-camera';
import { startFrameLoop } from './scan/frame-loop';

const REPEAT_WINDOW_MS = 5000;
const NOTICE_MS = 6000;

type Notice = { readonly kind: 'notEssc' | 'noQrInImage' | 'failed'; readonly message?: string };

export function ScanScreen() {
  const { t } = useTranslation();
  const { services, scan, operator, refreshStatus } = useKiosk();
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const { videoRef, state: camera, devices } = useCamera(deviceId);
  const [shown, setShown] = useState<ShownResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [glare, setGlare] = useState(false);
  const [dragging, setDragging] = useState(false);
  const repeat = useMemo(() => createRepeatFilter(REPEAT_WINDOW_MS), []);
  const pausedRef = useRef(false);
  useEffect(() => {
    pausedRef.current = shown !== null || busy;
  }, [shown, busy]);
  const fileInput = useRef<HTMLInputElement>(null);
  /** The text behind the shown result (memory only, dropped with the result). */
  const shownText = useRef<string | null>(null);

  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const handleText = useCallback(
    async (text: string) => {
      if (!repeat.accept(text)) return;
      if (!looksLikeEsscQr(text)) {
        // A payment code or a web link: say what it is, never "expired"; nothing is recorded.
        setNotice({ kind: 'notEssc' });
        return;
      }
      setBusy(true);
      setNotice(null);
      try {
        const outcome = await services.verifyAndRecord(text, operator?.id ?? null);
        shownText.current = text;
        setShown(outcome);
      } catch (e) {
        setNotice({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
      } finally {
        setBusy(false);
        refreshStatus();
      }
    },
    [repeat, services, operator, refreshStatus],
  );
  const handleTextRef = useRef(handleText);
  useEffect(() => {
    handleTextRef.current = handleText;
  }, [handleText]);

  // Keyboard-wedge scanners type the QR text: always listening, even over a shown result.
  useEffect(() => scan.listenForWedgeScans(window, (text) => void handleTextRef.current(text)), [scan]);

  // Camera frames → decoder worker.
  useEffect(() => {
    const video = videoRef.current;
    if (camera.kind !== 'live' || !video) return;
    const decoder = scan.createQrDecoder();
    const loop = startFrameLoop(
      video,
      decoder,
      { onText: (text) => void handleTextRef.current(text), onGlare: setGlare },
      () => pausedRef.current,
    );
    return () => {
      loop.stop();
      decoder.dispose();
    };
  }, [camera.kind, scan, videoRef]);

  const importFile = useCallback(
    async (file: Blob) => {
      const text = await scan.decodeImageFile(file).catch(() => null);
      if (text === null) return setNotice({ kind: 'noQrInImage' });
      repeat.reset(); // an explicit import is always processed
      await handleTextRef.current(text);
    },
    [scan, repeat],
  );

  // Drag-and-drop anywhere on the screen.
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => e.relatedTarget === null && setDragging(false);
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void importFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [importFile]);

  const clear = useCallback(() => {
    setShown(null);
    if (shownText.current !== null) repeat.hold(shownText.current);
    shownText.current = null;
  }, [repeat]);

  return (
    <div className="scan-screen" data-testid="scan-screen">
      {shown && <ResultView shown={shown} onDone={clear} />}
      <div className="scan-live" hidden={shown !== null}>
        <div className="scan-heading">
          <h2>
            <ScanOutlined /> {t('scan.title')}
          </h2>
          <p>{t('scan.subtitle')}</p>
        </div>
        <div className="camera-frame">
          <video ref={videoRef} muted playsInline className="camera-video" data-testid="camera-video" />
          <div className="framing-guide" aria-hidden />
          {camera.kind === 'starting' && <Spin className="camera-overlay" description={t('scan.cameraStarting')} />}
          {camera.kind === 'none' && <div className="camera-overlay">{t('scan.noCamera')}</div>}
          {camera.kind === 'error' && <div className="camera-overlay">{t('scan.cameraError', { message: camera.message })}</div>}
          {busy && <Spin size="large" className="camera-overlay" description={t('scan.verifying')} />}
          {glare && (
            <div className="glare-hint" data-testid="glare-hint">
              <WarningOutlined /> {t('scan.glare')}
            </div>
          )}
        </div>
        <div className="scan-notices" aria-live="polite">
          {notice?.kind === 'notEssc' && (
            <Alert type="warning" showIcon title={t('scan.notEssc')} description={t('scan.notEsscHint')} data-testid="not-essc" />
          )}
          {notice?.kind === 'noQrInImage' && <Alert type="warning" showIcon title={t('scan.noQrInImage')} />}
          {notice?.kind === 'failed' && <Alert type="error" showIcon title={t('scan.verifyFailed', { message: notice.message })} />}
        </div>
        <div className="scan-controls">
          {devices.length > 1 && (
            <Select
              aria-label={t('scan.camera')}
              value={deviceId ?? devices[0]?.deviceId}
              onChange={setDeviceId}
              options={devices.map((d, i) => ({ value: d.deviceId, label: d.label || `${t('scan.camera')} ${i + 1}` }))}
              style={{ minWidth: 260 }}
            />
          )}
          <Tag color="green">{t('scan.wedgeReady')}</Tag>
          <Button size="large" icon={<PictureOutlined />} onClick={() => fileInput.current?.click()} data-testid="import-image">
            {t('scan.importImage')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            hidden
            data-testid="import-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </div>
      </div>
      {dragging && <div className="drop-overlay">{t('scan.dropHere')}</div>}
    </div>
  );
}
