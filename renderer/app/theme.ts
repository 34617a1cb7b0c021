// Arm's-length readability: large type and controls, system fonts that include CJK faces
// (nothing is fetched: the kiosk is offline by construction).
import type { ThemeConfig } from 'antd';

export const KIOSK_FONT_STACK =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const kioskTheme: ThemeConfig = {
  token: {
    fontFamily: KIOSK_FONT_STACK,
    fontSize: 18,
    fontSizeLG: 20,
    controlHeight: 44,
    controlHeightLG: 56,
    borderRadius: 8,
    colorSuccess: '#1a7f37',
    colorError: '#c62828',
    colorWarning: '#b26a00',
  },
  components: {
    Table: { cellPaddingBlock: 10 },
    Menu: { itemHeight: 56 },
    Layout: { headerHeight: 72, headerBg: '#0b3d91', headerPadding: '0 24px' },
  },
};
