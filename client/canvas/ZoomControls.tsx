import { useTranslation } from 'react-i18next';
import { useBoard } from '../kit/BoardContext';
import { useStore } from '../kit/useStore';
import { Icon } from '../kit/Icon';
import type { CanvasState } from '../kit/canvas/canvasState';
import { zoomCenter } from './useCanvasKeyboard';
import { fitToContent } from '../kit/canvas/fit';

/** Zoom out, the zoom level, zoom in, fit to content. */
export function ZoomControls({ canvas }: { canvas: CanvasState }) {
  const { t } = useTranslation();
  const ctx = useBoard();
  const vp = useStore(canvas.viewport);
  return (
    <div className="zoom" role="group" aria-label={t('zoom.label')}>
      <button
        type="button"
        className="button button--icon"
        aria-label={t('zoom.out')}
        onClick={() => zoomCenter(canvas, 1 / 1.2)}
      >
        <Icon name="zoomOut" />
      </button>
      <span className="zoom__level">{Math.round(vp.scale * 100)}%</span>
      <button
        type="button"
        className="button button--icon"
        aria-label={t('zoom.in')}
        onClick={() => zoomCenter(canvas, 1.2)}
      >
        <Icon name="zoomIn" />
      </button>
      <button
        type="button"
        className="button button--icon-text"
        onClick={() => fitToContent(canvas, ctx)}
      >
        <Icon name="fit" /> {t('zoom.fit')}
      </button>
    </div>
  );
}
