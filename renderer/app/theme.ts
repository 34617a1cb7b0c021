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
    // Nothing on a counter screen is smaller than 16 px (tags, table meta, hints).
    fontSizeSM: 16,
    // WCAG AA (4.5:1) for text on primary buttons, and for secondary and hint text.
    colorPrimary: '#0b57d0',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    controlHeight: 44,
    controlHeightLG: 56,
    borderRadius: 8,
    colorSuccess: '#1a7f37',
    colorError: '#c62828',
    colorWarning: '#b26a00',
  },
  components: {
    Table: { cellPaddingBlock: 10 },
    // The navigation sits on the dark blue header: white items (antd's default is dark text).
    Menu: {
      itemHeight: 56,
      itemBg: 'transparent',
      itemColor: '#ffffff',
      itemHoverColor: '#ffffff',
      itemSelectedColor: '#ffffff',
      horizontalItemHoverColor: '#ffffff',
      horizontalItemSelectedColor: '#ffffff',
    },
    Layout: { headerHeight: 72, headerBg: '#0b3d91', headerPadding: '0 24px' },
  },
};
